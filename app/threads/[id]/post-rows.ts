/** A post as the thread page shows it; dates as ISO strings so the server render and the API refetch agree. */
export type PostRow = {
  id: string;
  authorName: string;
  bodyHtml: string;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
};

type Raw = {
  id: string;
  authorName: string;
  bodyHtml: string;
  createdAt: string | Date;
  editedAt: string | Date | null;
  deletedAt: string | Date | null;
};

const iso = (d: string | Date) => (typeof d === 'string' ? d : d.toISOString());

export function toPostRows(posts: Raw[]): PostRow[] {
  return posts.map((p) => ({
    id: p.id,
    authorName: p.authorName,
    bodyHtml: p.deletedAt ? '' : p.bodyHtml,
    createdAt: iso(p.createdAt),
    editedAt: p.editedAt ? iso(p.editedAt) : null,
    deleted: Boolean(p.deletedAt),
  }));
}
