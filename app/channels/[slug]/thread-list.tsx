'use client';
import { useCallback, useRef, useState } from 'react';
import { DateTime } from '../../_components/date-time';
import { useLive } from '../../_components/use-live';
import { toThreadRows, type ThreadRow } from './thread-rows';

/** The channel's threads, newest activity first; refetched through the API when a live event says something changed. */
export function ThreadList({ slug, initial }: { slug: string; initial: ThreadRow[] }) {
  const [threads, setThreads] = useState(initial);
  const [announcement, setAnnouncement] = useState('');
  const latest = useRef(0);

  const refetch = useCallback(async () => {
    const request = ++latest.current;
    try {
      const res = await fetch(`/api/v1/channels/${encodeURIComponent(slug)}/threads`, { cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok || request !== latest.current) return;
      const data = (await res.json()) as { threads: Parameters<typeof toThreadRows>[0] };
      if (request !== latest.current) return;
      setThreads(toThreadRows(data.threads));
      setAnnouncement('The list of threads has been updated.');
    } catch {
      // Offline or signed out: keep what is shown; the next event or a reload tries again.
    }
  }, [slug]);

  useLive({ type: 'channel', slug }, { 'thread:created': refetch, 'post:created': refetch });

  return (
    <>
      <p className="nhsuk-u-visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      {threads.length === 0 ? (
        <p data-testid="threads">No threads yet. Start the first one below.</p>
      ) : (
        <ol className="nhsuk-list wr-thread-list" data-testid="threads">
          {threads.map((t) => (
            <li key={t.id} className="wr-thread-list__item" data-thread-id={t.id}>
              <div className="wr-thread-list__title">
                {t.pinned ? <strong className="nhsuk-tag nhsuk-tag--blue wr-marker">Pinned</strong> : null}
                {t.locked ? <strong className="nhsuk-tag nhsuk-tag--grey wr-marker">Locked</strong> : null}
                <a href={`/threads/${t.id}`}>{t.title}</a>
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
    </>
  );
}
