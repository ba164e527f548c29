import { encode } from 'next-auth/jwt';
import type { Tx } from '@/db/client';
import { schema } from '@/db/client';
import { authSecret, SESSION_MAX_AGE_SECONDS, sessionCookieName, sessionCookieOptions } from './session-cookie';

export type SessionContext = { ip?: string; userAgent?: string };

/** A new sign-in session row, inside the caller's transaction; it lasts SESSION_MAX_AGE_SECONDS. */
export async function createSession(tx: Tx, userId: string, ctx: SessionContext, mfaPassed: boolean): Promise<string> {
  const [row] = await tx
    .insert(schema.userSessions)
    .values({
      userId,
      ip: ctx.ip?.slice(0, 100) || null,
      userAgent: (ctx.userAgent ?? '').slice(0, 500),
      mfaPassed,
      expiresAt: new Date(Date.now() + SESSION_MAX_AGE_SECONDS * 1000),
    })
    .returning({ id: schema.userSessions.id });
  return row.id;
}

/** The session cookie for a session row (what next-auth's jwt callback would put in it). */
export async function sessionCookieFor(session: { userId: string; sessionVersion: number; sessionId: string }) {
  const value = await encode({
    token: { sub: session.userId, sv: session.sessionVersion, sid: session.sessionId },
    secret: authSecret(),
    maxAge: SESSION_MAX_AGE_SECONDS,
  });
  return { name: sessionCookieName(), value, options: { ...sessionCookieOptions(), maxAge: SESSION_MAX_AGE_SECONDS } };
}
