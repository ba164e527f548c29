/** A post as the thread page shows it; dates as ISO strings so the server render and the API refetch agree. */
export type PostRow = {
  id: string;
  authorId: string;
  authorName: string;
  /** The name to @mention them by (people without one cannot be mentioned). */
  authorUsername: string | null;
  bodyHtml: string;
  /** The Markdown source: only on the reader's own posts (for the edit box). */
  bodyMarkdown: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  /** Hidden by a moderator: readers get no body; staff get the body and the reason. */
  hidden: boolean;
  hiddenReason: string | null;
};

type Raw = {
  id: string;
  authorId: string;
  authorName: string;
  authorUsername?: string | null;
  bodyHtml: string;
  bodyMarkdown?: string | null;
  createdAt: string | Date;
  editedAt: string | Date | null;
  deletedAt: string | Date | null;
  hiddenAt?: string | Date | null;
  hiddenReason?: string | null;
};

const iso = (d: string | Date) => (typeof d === 'string' ? d : d.toISOString());

export function toPostRows(posts: Raw[]): PostRow[] {
  return posts.map((p) => ({
    id: p.id,
    authorId: p.authorId,
    authorName: p.authorName,
    authorUsername: p.authorUsername ?? null,
    bodyHtml: p.deletedAt ? '' : p.bodyHtml,
    bodyMarkdown: p.deletedAt ? null : (p.bodyMarkdown ?? null),
    createdAt: iso(p.createdAt),
    editedAt: p.editedAt ? iso(p.editedAt) : null,
    deleted: Boolean(p.deletedAt),
    hidden: !p.deletedAt && Boolean(p.hiddenAt),
    hiddenReason: p.deletedAt ? null : (p.hiddenReason ?? null),
  }));
}

/** The thread's own facts that can change while it is open (a moderator pins or locks it). */
export type ThreadState = { pinned: boolean; locked: boolean; canReply: boolean };
