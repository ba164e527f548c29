import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { schema } from '@/db/client';
import { disconnectUserSockets } from '@/lib/realtime/emit';

/**
 * Ends every session of one person inside the caller's transaction: all their session rows are revoked
 * and their session version bumped, so the next request from any browser (or token built on a session)
 * has no actor. Call `dropLiveConnections` after the transaction commits to close their open sockets.
 * Used by suspension, password change, account closure and "sign out everywhere".
 */
export async function revokeAllSessions(tx: Tx, userId: string, reason: string) {
  await tx
    .update(schema.userSessions)
    .set({ revokedAt: sql`now()`, revokedReason: reason })
    .where(and(eq(schema.userSessions.userId, userId), isNull(schema.userSessions.revokedAt)));
  await tx
    .update(schema.users)
    .set({ sessionVersion: sql`${schema.users.sessionVersion} + 1` })
    .where(eq(schema.users.id, userId));
}

/** After commit: the person's open sockets are disconnected at once (the server re-checks on reconnect). */
export function dropLiveConnections(userId: string) {
  disconnectUserSockets(userId);
}
