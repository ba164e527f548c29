import type { SearchResult } from '@/lib/search';

/** A result as the search page shows it; the date as an ISO string so the server render and an API page agree. */
export type ResultRow = Omit<SearchResult, 'createdAt'> & { createdAt: string };

export function toResultRows(results: (Omit<SearchResult, 'createdAt'> & { createdAt: string | Date })[]): ResultRow[] {
  return results.map((r) => ({
    kind: r.kind,
    id: r.id,
    title: r.title,
    href: r.href,
    snippetHtml: r.snippetHtml,
    authorName: r.authorName,
    createdAt: typeof r.createdAt === 'string' ? r.createdAt : r.createdAt.toISOString(),
    channelName: r.channelName,
    tlp: r.tlp,
    reference: r.reference,
  }));
}
