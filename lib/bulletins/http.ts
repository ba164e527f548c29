import type { CachedPage } from './public-cache';

/** Shared caches and browsers keep a public page briefly, then revalidate (stale copies bridge a slow origin). */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=60, stale-if-error=86400';
const NOT_FOUND_CACHE_CONTROL = 'public, max-age=10';

/** Weak comparison (RFC 9110 §13.1.2): `*`, or any listed tag equal to ours ignoring W/. */
export function matchesIfNoneMatch(header: string | null, etag: string): boolean {
  if (!header) return false;
  const ours = etag.replace(/^W\//, '');
  return header
    .split(',')
    .map((t) => t.trim())
    .some((t) => t === '*' || t.replace(/^W\//, '') === ours);
}

/** The cached page as a Response: 304 with no body when the client's copy is current. */
export function cachedPageResponse(req: Request | undefined, page: CachedPage): Response {
  const headers: Record<string, string> = {
    'content-type': page.contentType,
    'cache-control': page.status === 200 ? PUBLIC_CACHE_CONTROL : NOT_FOUND_CACHE_CONTROL,
    etag: page.etag,
    'x-content-type-options': 'nosniff',
  };
  if (page.status === 200 && page.lastModified.getTime() > 0) headers['last-modified'] = page.lastModified.toUTCString();
  if (page.status === 200 && matchesIfNoneMatch(req?.headers.get('if-none-match') ?? null, page.etag)) {
    return new Response(null, { status: 304, headers });
  }
  const body = req?.method === 'HEAD' ? null : page.body;
  return new Response(body, { status: page.status, headers });
}
