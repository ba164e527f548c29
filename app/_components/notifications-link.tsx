'use client';
import { usePathname } from 'next/navigation';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLive } from './use-live';

/**
 * The header's link to the notification centre with the unread count. The server renders the count;
 * the browser refetches it on mount and whenever the server says this person's notifications changed.
 * The count is part of the link's name ("Notifications, 3 unread"); the badge itself is decoration.
 */
export function NotificationsLink({ initialUnread }: { initialUnread: number }) {
  const [unread, setUnread] = useState(initialUnread);
  const [announcement, setAnnouncement] = useState('');
  const shown = useRef(initialUnread);
  const latest = useRef(0);
  const pathname = usePathname();

  // A server render (after an action or navigation) brings a fresher count.
  useEffect(() => {
    shown.current = initialUnread;
    setUnread(initialUnread);
  }, [initialUnread]);

  const refetch = useCallback(async () => {
    const request = ++latest.current;
    try {
      const res = await fetch('/api/v1/notifications?limit=1', { cache: 'no-store', credentials: 'same-origin' });
      if (!res.ok || request !== latest.current) return;
      const data = (await res.json()) as { unread: number };
      if (request !== latest.current || typeof data.unread !== 'number') return;
      // Say so when something new arrives; a count going down (you read them) needs no announcement.
      if (data.unread > shown.current) setAnnouncement(`New notification. ${data.unread} unread.`);
      shown.current = data.unread;
      setUnread(data.unread);
    } catch {
      // Offline: keep the count shown; the next event tries again.
    }
  }, []);

  useEffect(() => void refetch(), [refetch]);
  useLive(null, { 'notifications:changed': () => void refetch() }, () => void refetch());

  const current = pathname === '/notifications';
  return (
    <>
      <a
        className="nhsuk-header__account-link wr-notifications-link"
        href="/notifications"
        aria-current={current ? 'page' : undefined}
        data-testid="notifications-link"
      >
        <svg className="nhsuk-icon wr-bell" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
          <path d="M12 2a1.5 1.5 0 0 1 1.5 1.5v.6A7 7 0 0 1 19 11v4.6l1.7 2.2A1 1 0 0 1 20 19.5H4a1 1 0 0 1-.8-1.7L5 15.6V11a7 7 0 0 1 5.5-6.9v-.6A1.5 1.5 0 0 1 12 2Zm2.8 18.5a3 3 0 0 1-5.6 0h5.6Z" />
        </svg>
        {/* One text node for the name ("Notifications, 3 unread"): a separate hidden span would read "Notifications , 3 unread". */}
        <span className="nhsuk-u-visually-hidden">{unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}</span>
        <span aria-hidden="true">Notifications</span>
        {unread > 0 ? (
          <span className="wr-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </a>
      <span className="nhsuk-u-visually-hidden" role="status">
        {announcement}
      </span>
    </>
  );
}
