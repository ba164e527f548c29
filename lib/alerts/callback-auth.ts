import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Checks `Authorization: Bearer <token>` against the token set in Notify's admin UI, in constant time
 * (both sides are hashed first, so neither the length nor a prefix leaks through timing).
 */
export function bearerMatches(header: string | null, expected: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  const given = createHash('sha256').update(match ? match[1].trim() : '').digest();
  const wanted = createHash('sha256').update(expected).digest();
  return timingSafeEqual(given, wanted) && match !== null;
}
