'use client';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, type MouseEvent } from 'react';
import { DateTime } from '../../_components/date-time';
import { useLive } from '../../_components/use-live';
import { threadHref, toThreadRows, type ThreadRow } from './thread-rows';

type Page = { threads: Parameters<typeof toThreadRows>[0]; nextCursor: string | null };

type Props = {
  slug: string;
  /** The cursor this page started at (null for the newest threads). */
  cursor: string | null;
  initial: ThreadRow[];
  initialNextCursor: string | null;
};

const MAX_PAGE = 100;

/**
 * The channel's threads, pinned first, then newest activity; refetched through the API when a live event
 * says something changed. "Load more threads" is a link to the next keyset page (it works without
 * JavaScript); with JavaScript it appends that page here and moves focus to the first thread it added.
 * A thread read part-way links to the first post not yet read (`threadHref`); the thread page scrolls to it and focuses it.
 */
export function ThreadList({ slug, cursor, initial, initialNextCursor }: Props) {
  const [threads, setThreads] = useState(initial);
  const [nextCursor, setNextCursor] = useState(initialNextCursor);
  const [loadingMore, setLoadingMore] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [focusId, setFocusId] = useState<string | null>(null);
  const latest = useRef(0);
  const shown = useRef(threads);
  shown.current = threads;
  const base = `/api/v1/channels/${encodeURIComponent(slug)}/threads`;
  const router = useRouter();

  const fetchPage = useCallback(
    async (from: string | null, limit?: number): Promise<Page | null> => {
      const q = new URLSearchParams();
      if (from) q.set('cursor', from);
      if (limit) q.set('limit', String(limit));
      const res = await fetch(`${base}?${q}`, { cache: 'no-store', credentials: 'same-origin' });
      if (res.status === 401 || res.status === 404) {
        window.location.reload();
        return null;
      }
      return res.ok ? ((await res.json()) as Page) : null;
    },
    [base],
  );

  // Refetch everything shown (up to 100 rows in one request), so appended pages stay current too.
  const refetch = useCallback(async () => {
    const request = ++latest.current;
    try {
      const count = shown.current.length;
      const data = await fetchPage(cursor, Math.min(Math.max(count, 30), MAX_PAGE));
      if (!data || request !== latest.current) return;
      const rows = toThreadRows(data.threads);
      if (count <= MAX_PAGE) {
        setThreads(rows);
        setNextCursor(data.nextCursor);
      } else {
        const ids = new Set(rows.map((t) => t.id));
        setThreads([...rows, ...shown.current.slice(MAX_PAGE).filter((t) => !ids.has(t.id))]);
      }
      setAnnouncement('The list of threads has been updated.');
    } catch {
      // Offline or signed out: keep what is shown; the next event or a reload tries again.
    }
  }, [cursor, fetchPage]);

  // A renamed or (un)archived channel re-renders the page around the list: its heading, banner and new-thread form.
  const onChannelUpdated = useCallback(() => router.refresh(), [router]);
  useLive(
    { type: 'channel', slug },
    { 'thread:created': refetch, 'post:created': refetch, 'thread:updated': refetch, 'channel:updated': onChannelUpdated },
    refetch,
  );

  async function loadMore(event: MouseEvent<HTMLAnchorElement>) {
    if (!nextCursor || event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    const fallback = event.currentTarget.href;
    if (loadingMore) return;
    setLoadingMore(true);
    latest.current++; // a refetch in flight would drop the rows about to be added
    try {
      const data = await fetchPage(nextCursor);
      if (!data) throw new Error('no page');
      const ids = new Set(shown.current.map((t) => t.id));
      const added = toThreadRows(data.threads).filter((t) => !ids.has(t.id));
      setThreads([...shown.current, ...added]);
      setNextCursor(data.nextCursor);
      setAnnouncement(added.length === 1 ? '1 more thread loaded.' : `${added.length} more threads loaded.`);
      if (added[0]) setFocusId(added[0].id);
    } catch {
      window.location.assign(fallback); // the plain link still works
    } finally {
      setLoadingMore(false);
    }
  }

  useEffect(() => {
    if (!focusId) return;
    document.querySelector<HTMLAnchorElement>(`[data-thread-id="${focusId}"] .wr-thread-list__link`)?.focus();
    setFocusId(null);
  }, [focusId]);

  return (
    <>
      <p className="nhsuk-u-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {threads.length === 0 ? (
        <p data-testid="threads">{cursor ? 'There are no older threads.' : 'No threads yet. Start the first one below.'}</p>
      ) : (
        <ol className="nhsuk-list wr-thread-list" data-testid="threads">
          {threads.map((t) => (
            <li key={t.id} className={`wr-thread-list__item${t.unread || t.newPosts ? ' wr-thread-list__item--unread' : ''}`} data-thread-id={t.id}>
              <div className="wr-thread-list__title">
                {t.pinned ? <strong className="nhsuk-tag nhsuk-tag--blue wr-marker">Pinned</strong> : null}
                {t.locked ? <strong className="nhsuk-tag nhsuk-tag--grey wr-marker">Locked</strong> : null}
                <a className="wr-thread-list__link" href={threadHref(t)}>
                  {t.title}
                </a>
                {t.unread ? <strong className="nhsuk-tag nhsuk-tag--green wr-marker wr-marker--after">New</strong> : null}
                {!t.unread && t.newPosts ? (
                  <strong className="nhsuk-tag nhsuk-tag--green wr-marker wr-marker--after">
                    {t.newPosts} new <span className="nhsuk-u-visually-hidden">{t.newPosts === 1 ? 'post' : 'posts'}</span>
                  </strong>
                ) : null}
              </div>
              <p className="wr-thread-list__meta nhsuk-body-s">
                Started by {t.authorName}. {t.replyCount === 1 ? '1 reply' : `${t.replyCount} replies`}. Last post
                {t.lastPosterName ? ` by ${t.lastPosterName}` : ''} on <DateTime value={t.lastPostAt} />.
              </p>
            </li>
          ))}
        </ol>
      )}
      {nextCursor ? (
        <p className="wr-load-more">
          <a
            className="nhsuk-button nhsuk-button--secondary wr-load-more__link"
            href={`/channels/${encodeURIComponent(slug)}?cursor=${encodeURIComponent(nextCursor)}`}
            onClick={loadMore}
            aria-disabled={loadingMore || undefined}
            data-testid="load-more"
          >
            {loadingMore ? 'Loading…' : 'Load more threads'}
          </a>
        </p>
      ) : null}
    </>
  );
}
