import type { IncomingMessage, ServerResponse } from 'node:http';
import { cachedPageResponse } from './http';
import { publicBulletinFeed, publicBulletinList, publicBulletinPage, type CachedPage } from './public-cache';
import { BULLETIN_CSS, BULLETIN_CSS_PATH } from './stylesheet';

const CSS_PATHNAME = new URL(BULLETIN_CSS_PATH, 'http://localhost').pathname;

/** The cached page behind a public bulletin address, or null when the path is not one of them. */
function bulletinPageFor(pathname: string): (() => Promise<CachedPage>) | null {
  if (pathname === '/bulletins') return publicBulletinList;
  if (pathname === '/bulletins/feed.xml') return publicBulletinFeed;
  const match = /^\/bulletins\/([^/]+)$/.exec(pathname);
  if (!match || pathname === CSS_PATHNAME) return null;
  let reference: string;
  try {
    reference = decodeURIComponent(match[1]);
  } catch {
    return null;
  }
  return () => publicBulletinPage(reference);
}

/**
 * The public bulletins, served by the HTTP server itself in front of Next: they are what 5,000 people open
 * within a minute of an alert, so they skip Next's routing and rendering entirely and go straight from the
 * in-process cache (one small version query, shared by simultaneous requests) to the socket, with the same
 * headers the Next routes give them (Cache-Control, ETag/304; the script-free security policy is set by lib/http/front-door.ts). Returns
 * false for anything else; on an unexpected error it hands the request to `fallback` (Next's own routes).
 */
export function serveBulletinFastPath(req: IncomingMessage, res: ServerResponse, fallback: () => void): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = (req.url ?? '/').split('?')[0];
  if (pathname === CSS_PATHNAME) {
    res.writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' });
    res.end(req.method === 'HEAD' ? undefined : BULLETIN_CSS);
    return true;
  }
  const load = bulletinPageFor(pathname);
  if (!load) return false;
  load()
    .then(async (page) => {
      const request = { method: req.method, headers: new Headers({ 'if-none-match': String(req.headers['if-none-match'] ?? '') }) } as Request;
      const response = cachedPageResponse(request, page);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(response.body ? await response.text() : undefined);
    })
    .catch(() => (res.headersSent ? res.destroy() : fallback()));
  return true;
}
