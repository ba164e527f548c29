import type { Metadata } from 'next';
import { isAppError } from '@/lib/errors';
import { listNotifications } from '@/lib/forum/notifications';
import { DateTime } from '../_components/date-time';
import { LiveRefresh } from '../_components/live-refresh';
import { requireActor } from '../_components/require-actor';
import { MarkAllRead } from './mark-all-read';
import { BadPageLink } from '../_components/bad-page-link';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Notifications' };

const PAGE = 30;

type Search = { searchParams: Promise<{ before?: string | string[] }> };

type Kind = 'mention' | 'reply' | 'watching';
const what: Record<Kind, string> = {
  mention: 'mentioned you in',
  reply: 'replied to you in',
  watching: 'posted in',
};
const kindTag: Record<Kind, string> = { mention: 'Mention', reply: 'Reply', watching: 'Watching' };

export default async function NotificationsPage({ searchParams }: Search) {
  const actor = await requireActor('/notifications');
  const raw = (await searchParams).before;
  const asked = (Array.isArray(raw) ? raw[0] : raw) || undefined;
  // A `before` that does not parse (an edited or out-of-date link) falls back to the newest notifications.
  const { notifications, unread, nextCursor, before, badCursor } = await listNotifications(actor, { before: asked, limit: PAGE })
    .then((page) => ({ ...page, before: asked, badCursor: false }))
    .catch(async (error: unknown) => {
      if (!asked || !isAppError(error) || error.code !== 'invalid') throw error;
      return { ...(await listNotifications(actor, { limit: PAGE })), before: undefined, badCursor: true };
    });
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <LiveRefresh event="notifications:changed" />
      <h1>Notifications</h1>
      <p className="nhsuk-lede-text wr-notifications-summary">
        {unread === 0 ? 'You have no unread notifications.' : unread === 1 ? 'You have 1 unread notification.' : `You have ${unread} unread notifications.`}
      </p>
      <p className="nhsuk-body-s">
        You are notified when someone mentions your @username, replies to you, or posts in a thread or channel you are watching. Change what you
        watch with the Notifications setting on each thread and channel.
      </p>
      {notifications.length > 0 || unread > 0 ? <MarkAllRead unread={unread} /> : null}
      {badCursor ? (
        <BadPageLink showing="your newest notifications" />
      ) : null}
      {before ? (
        <p>
          <a href="/notifications">Go to your newest notifications</a>
        </p>
      ) : null}
      {notifications.length === 0 ? (
        <p data-testid="notifications">{before ? 'There are no older notifications.' : 'Nothing yet. When someone mentions or replies to you, it will appear here.'}</p>
      ) : (
        <ol className="nhsuk-list wr-notifications" data-testid="notifications">
          {notifications.map((n) => {
            const isUnread = n.readAt === null;
            return (
              <li key={n.id} className={`wr-notification${isUnread ? ' wr-notification--unread' : ''}`} data-notification-id={n.id}>
                <p className="wr-notification__text">
                  {isUnread ? <strong className="nhsuk-tag nhsuk-tag--blue wr-marker">Unread</strong> : null}
                  <span className="nhsuk-u-visually-hidden">{kindTag[n.kind]}: </span>
                  <strong>{n.actorName}</strong> {what[n.kind]}{' '}
                  <a href={`/threads/${n.threadId}#post-${n.postId}`}>{n.threadTitle}</a>
                </p>
                <p className="nhsuk-body-s wr-notification__meta">
                  <DateTime value={n.createdAt} />
                  {n.kind === 'watching' ? ' · You are watching this thread or its channel.' : null}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {nextCursor ? (
        <p className="wr-load-more">
          <a className="nhsuk-button nhsuk-button--secondary" href={`/notifications?before=${encodeURIComponent(nextCursor)}`}>
            Older notifications
          </a>
        </p>
      ) : null}
    </main>
  );
}
