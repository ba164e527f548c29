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
  }));
}
