import { and, desc, eq, gt, isNull, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from './actor';
import { requireSession } from './require-session';

/** My signed-in sessions that are still in force, newest first, marking the one this request came with. */
export async function listMySessions(actor: Actor) {
  const subject = requireSession(actor);
  const s = schema.userSessions;
  const rows = await getDb()
    .select({ id: s.id, ip: s.ip, userAgent: s.userAgent, createdAt: s.createdAt, lastSeenAt: s.lastSeenAt, expiresAt: s.expiresAt })
    .from(s)
    .where(and(eq(s.userId, subject.id), isNull(s.revokedAt), gt(s.expiresAt, sql`now()`)))
    .orderBy(desc(s.lastSeenAt), desc(s.createdAt))
    .limit(100);
  return rows.map((r) => ({ ...r, device: describeUserAgent(r.userAgent), current: r.id === subject.sessionId }));
}

/** "Chrome on Windows" from a user agent string; the raw string is kept alongside for the curious. */
export function describeUserAgent(ua: string): string {
  if (!ua) return 'Unknown device';
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : /curl|node|undici|python|okhttp/i.test(ua)
            ? 'Script or app'
            : 'Browser';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac OS X|Macintosh/.test(ua)
        ? 'macOS'
        : /Android/.test(ua)
          ? 'Android'
          : /Linux/.test(ua)
            ? 'Linux'
            : null;
  return os ? `${browser} on ${os}` : browser;
}
