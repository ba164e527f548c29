import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/lib/auth/session-cookie';
import { Forbidden } from '@/lib/errors';

/** The request header a cookie-authenticated write to /api must carry (app/_components/api-fetch.ts sets it). */
export const CSRF_HEADER = 'x-csrf-token';
/** The page's `<meta name="csrf-token">` (app/layout.tsx), where the client helper reads the token. */
export const CSRF_META_NAME = 'csrf-token';

/**
 * The session's CSRF token: an HMAC of the sign-in session id under the auth secret. Another site can
 * make a browser send our cookie but cannot read our page, so it cannot learn this value. Stable for the
 * session's life (the JWT cookie is re-issued, the session id is not); a new sign-in gets a new token.
 */
export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', authSecret()).update(`csrf:${sessionId}`).digest('base64url');
}

/** Refuses a cookie-authenticated write whose `x-csrf-token` is missing or is not its session's token. */
export function assertCsrfToken(headers: Headers, sessionId: string | undefined) {
  const sent = headers.get(CSRF_HEADER) ?? '';
  const expected = sessionId ? csrfTokenFor(sessionId) : '';
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  if (!expected || a.length !== b.length || !timingSafeEqual(a, b)) {
    throw Forbidden('This request is missing its security token. Reload the page and try again.');
  }
}
