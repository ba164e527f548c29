'use client';
import { useEffect, useRef, useState, type MouseEvent } from 'react';
import type { Tlp } from '@/lib/policy';
import type { SearchPage } from '@/lib/search';
import { DateTime } from '../_components/date-time';
import { TlpTag } from '../_components/tlp-banner';
import { toResultRows, type ResultRow } from './result-rows';

type Props = {
  initial: ResultRow[];
  initialNextCursor: string | null;
  initialCapped: boolean;
  /** The search as GET /api/v1/search takes it (query, filters with ISO dates, page size), without a cursor. */
  apiQuery: string;
  /** This page's URL without a cursor: the "More results" link adds the next one (it works without JavaScript). */
  pageHref: string;
  /** How many matching posts search looks through (lib/search.ts MAX_CANDIDATES). */
  maxCandidates: number;
};

/**
 * The results, and "More results": a link to the next page that works without JavaScript; with JavaScript it
 * appends that page here through the API, says how many were added and moves focus to the first of them.
 */
export function ResultsList({ initial, initialNextCursor, initialCapped, apiQuery, pageHref, maxCandidates }: Props) {
  const [results, setResults] = useState(initial);
  const [nextCursor, setNextCursor] = useState(initialNextCursor);
  const [capped, setCapped] = useState(initialCapped);
  const [loading, setLoading] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const shown = useRef(results);
  shown.current = results;

  async function loadMore(event: MouseEvent<HTMLAnchorElement>) {
    if (!nextCursor || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const fallback = event.currentTarget.href;
    if (loading) return;
    setLoading(true);
    try {
      const res = await fetch(`/api/v1/search?${apiQuery}&cursor=${encodeURIComponent(nextCursor)}`, { cache: 'no-store', credentials: 'same-origin' });
      if (res.status === 401) {
        window.location.reload();
        return;
      }
      if (!res.ok) throw new Error('no page');
      const page = (await res.json()) as Omit<SearchPage, 'results'> & { results: ResultRow[] };
      const keys = new Set(shown.current.map(keyOf));
      const added = toResultRows(page.results).filter((r) => !keys.has(keyOf(r)));
      setResults([...shown.current, ...added]);
      setNextCursor(page.nextCursor);
      setCapped(page.capped);
      setAnnouncement(
        `${added.length === 1 ? '1 more result' : `${added.length} more results`} loaded.${page.nextCursor ? '' : page.capped ? ` Search stopped at the newest ${maxCandidates.toLocaleString('en-GB')} matching posts.` : ' That is all of them.'}`,
      );
      if (added[0]) setFocusKey(keyOf(added[0]));
    } catch {
      window.location.assign(fallback); // the plain link still works
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    if (!focusKey) return;
    document.querySelector<HTMLAnchorElement>(`[data-result="${focusKey}"] .wr-result__title a`)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  return (
    <>
      <p className="nhsuk-u-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {results.length ? (
        <ol className="nhsuk-list wr-results" data-testid="results">
          {results.map((r) => (
            <li key={keyOf(r)} className="wr-result" data-result={keyOf(r)}>
              <h3 className="nhsuk-heading-s wr-result__title">
                <a href={r.href}>{r.title}</a>
              </h3>
              <p className="nhsuk-body-s wr-result__meta">
                {r.kind === 'room_post' ? (
                  <>
                    {r.tlp ? <TlpTag tlp={r.tlp as Tlp} /> : null} <span className="wr-room-ref">{r.reference}</span> incident room
                  </>
                ) : (
                  <>in {r.channelName}</>
                )}
                {' · '}
                {r.authorName}
                {' · '}
                <DateTime value={r.createdAt} />
              </p>
              {/* Escaped plain text from lib/search.ts with only its own <mark> added. */}
              <p className="wr-result__snippet" dangerouslySetInnerHTML={{ __html: r.snippetHtml }} />
            </li>
          ))}
        </ol>
      ) : null}
      {nextCursor ? (
        <p className="wr-load-more">
          <a
            className="nhsuk-button nhsuk-button--secondary"
            href={`${pageHref}&cursor=${encodeURIComponent(nextCursor)}`}
            onClick={loadMore}
            aria-disabled={loading || undefined}
            data-testid="more-results"
          >
            {loading ? 'Loading…' : 'More results'}
          </a>
        </p>
      ) : capped ? (
        <div className="nhsuk-inset-text" data-testid="results-capped">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>
            Search looks through the newest {maxCandidates.toLocaleString('en-GB')} posts that match, so there may be older ones. To find them, use
            ‘Posted on or before’ in the filters.
          </p>
        </div>
      ) : null}
    </>
  );
}

const keyOf = (r: Pick<ResultRow, 'kind' | 'id'>) => `${r.kind}-${r.id}`;
