/** A thread as the channel page shows it; dates as ISO strings so the server render and API refetch agree. */
export type ThreadRow = {
  id: string;
  title: string;
  replyCount: number;
  pinned: boolean;
  locked: boolean;
  authorName: string;
  lastPosterName: string | null;
  lastPostAt: string;
  /** Present when the forum tracks read state: never opened, and posts since you last read it. */
  unread?: boolean;
  newPosts?: number;
  /** Position (1-based) of the first post the reader has not seen, in a thread they have read part of; else null. */
  firstUnread?: number | null;
};

type Raw = Omit<ThreadRow, 'lastPostAt'> & { lastPostAt: string | Date; [key: string]: unknown };

export function toThreadRows(threads: Raw[]): ThreadRow[] {
  return threads.map((t) => ({
    id: t.id,
    title: t.title,
    replyCount: t.replyCount,
    pinned: t.pinned,
    locked: t.locked,
    authorName: t.authorName,
    lastPosterName: t.lastPosterName,
    lastPostAt: typeof t.lastPostAt === 'string' ? t.lastPostAt : t.lastPostAt.toISOString(),
    ...(typeof t.unread === 'boolean' ? { unread: t.unread } : {}),
    ...(typeof t.newPosts === 'number' ? { newPosts: t.newPosts } : {}),
    ...(typeof t.firstUnread === 'number' || t.firstUnread === null ? { firstUnread: t.firstUnread } : {}),
  }));
}

/**
 * Where the channel list sends the reader: the first post they have not seen (`?from=N`, which the thread page
 * scrolls to and focuses), or the top of a thread they have not started or have read to the end.
 */
export function threadHref(t: Pick<ThreadRow, 'id' | 'firstUnread'>): string {
  const base = `/threads/${encodeURIComponent(t.id)}`;
  return typeof t.firstUnread === 'number' && t.firstUnread > 1 ? `${base}?from=${t.firstUnread}` : base;
}
