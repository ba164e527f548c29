/** A post as the thread page shows it; dates as ISO strings so the server render and the API refetch agree. */
export type PostRow = {
  id: string;
  authorId: string;
  authorName: string;
  bodyHtml: string;
  /** The Markdown source: only on the reader's own posts (for the edit box). */
  bodyMarkdown: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
};

type Raw = {
  id: string;
  authorId: string;
  authorName: string;
  bodyHtml: string;
  bodyMarkdown?: string | null;
  createdAt: string | Date;
  editedAt: string | Date | null;
  deletedAt: string | Date | null;
};

const iso = (d: string | Date) => (typeof d === 'string' ? d : d.toISOString());

export function toPostRows(posts: Raw[]): PostRow[] {
  return posts.map((p) => ({
    id: p.id,
    authorId: p.authorId,
    authorName: p.authorName,
    bodyHtml: p.deletedAt ? '' : p.bodyHtml,
    bodyMarkdown: p.deletedAt ? null : (p.bodyMarkdown ?? null),
    createdAt: iso(p.createdAt),
    editedAt: p.editedAt ? iso(p.editedAt) : null,
    deleted: Boolean(p.deletedAt),
  }));
}

/** The thread's own facts that can change while it is open (a moderator pins or locks it). */
export type ThreadState = { pinned: boolean; locked: boolean; canReply: boolean };
