import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { dropLiveConnections, revokeAllSessions } from '@/lib/auth/sign-out-everywhere';
import { recordAudit } from '@/lib/audit';
import { Conflict } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { recordStaffAction } from './staff-log';
import { endDate, liftInput, lockTargetUser, sanctionReason } from './sanction-target';

export const suspendUserInput = z.object({ reason: sanctionReason, until: endDate.optional() });

/**
 * Suspends an account, until an end date or until lifted. It takes effect at once: every session is
 * revoked in the same transaction, open sockets are dropped after commit, and API tokens stop working.
 */
export async function suspendUser(actor: Actor, userId: string, raw: unknown) {
  const input = parseInput(suspendUserInput, raw);
  await getDb().transaction(async (tx) => {
    const target = await lockTargetUser(tx, actor, userId);
    await tx
      .update(schema.users)
      .set({ status: 'suspended', suspendedUntil: input.until ?? null, suspensionReason: input.reason })
      .where(eq(schema.users.id, target.id));
    await revokeAllSessions(tx, target.id, 'suspended');
    const detail = { until: input.until?.toISOString() ?? null };
    await recordAudit(tx, { actorId: actor.id, action: 'user.suspend', subjectType: 'user', subjectId: target.id, ip: actor.ip, detail });
    await recordStaffAction(tx, { actorId: actor.id, action: 'user.suspend', targetType: 'user', targetId: target.id, targetUserId: target.id, reason: input.reason, detail });
  });
  dropLiveConnections(userId);
  return { id: userId, status: 'suspended' as const, suspendedUntil: input.until?.toISOString() ?? null };
}

export async function liftSuspension(actor: Actor, userId: string, raw: unknown = {}) {
  const input = parseInput(liftInput, raw ?? {});
  await getDb().transaction(async (tx) => {
    const target = await lockTargetUser(tx, actor, userId);
    if (target.status !== 'suspended') throw Conflict('This person is not suspended.');
    await tx.update(schema.users).set({ status: 'active', suspendedUntil: null, suspensionReason: null }).where(eq(schema.users.id, target.id));
    await recordAudit(tx, { actorId: actor.id, action: 'user.unsuspend', subjectType: 'user', subjectId: target.id, ip: actor.ip });
    await recordStaffAction(tx, { actorId: actor.id, action: 'user.unsuspend', targetType: 'user', targetId: target.id, targetUserId: target.id, reason: input.reason });
  });
  return { id: userId, status: 'active' as const };
}
