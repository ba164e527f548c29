import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { NotFound } from '@/lib/errors';
import { uuidParam } from '@/lib/validation';
import type { Actor } from './actor';
import { requireSession } from './require-session';
import { dropLiveConnections } from './sign-out-everywhere';

/**
 * Signs one of my sessions out: its next request has no actor. My open sockets are dropped so the
 * revoked one cannot linger; the others reconnect on their own (the handshake re-checks the session).
 * Someone else's session, or an unknown id, is a 404.
 */
export async function revokeMySession(actor: Actor, sessionId: string) {
  requireSession(actor);
  if (!uuidParam.safeParse(sessionId).success) throw NotFound();
  const s = schema.userSessions;
  await getDb().transaction(async (tx) => {
    const revoked = await tx
      .update(s)
      .set({ revokedAt: sql`now()`, revokedReason: 'revoked_by_user' })
      .where(and(eq(s.id, sessionId), eq(s.userId, actor.id), isNull(s.revokedAt)))
      .returning({ id: s.id });
    if (!revoked.length) throw NotFound();
    await recordAudit(tx, { actorId: actor.id, action: 'user.session_revoked', subjectType: 'user', subjectId: actor.id, ip: actor.ip, detail: { sessionId } });
  });
  dropLiveConnections(actor.id);
  return { revoked: 1, current: sessionId === actor.sessionId };
}

/** Signs out all my other sessions, keeping this one. */
export async function revokeMyOtherSessions(actor: Actor) {
  const subject = requireSession(actor);
  const s = schema.userSessions;
  const count = await getDb().transaction(async (tx) => {
    const revoked = await tx
      .update(s)
      .set({ revokedAt: sql`now()`, revokedReason: 'revoked_by_user' })
      .where(and(eq(s.userId, actor.id), isNull(s.revokedAt), ne(s.id, subject.sessionId)))
      .returning({ id: s.id });
    await recordAudit(tx, { actorId: actor.id, action: 'user.other_sessions_revoked', subjectType: 'user', subjectId: actor.id, ip: actor.ip, detail: { count: revoked.length } });
    return revoked.length;
  });
  if (count) dropLiveConnections(actor.id);
  return { revoked: count };
}
