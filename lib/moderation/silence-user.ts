import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { recordStaffAction } from './staff-log';
import { endDate, liftInput, lockTargetUser, sanctionReason } from './sanction-target';

export const silenceUserInput = z.object({ until: endDate, reason: sanctionReason });

/** Read-only until the end date: the member reads everything but cannot post, reply, edit or post in rooms. */
export async function silenceUser(actor: Actor, userId: string, raw: unknown) {
  const input = parseInput(silenceUserInput, raw);
  await getDb().transaction(async (tx) => {
    const target = await lockTargetUser(tx, actor, userId);
    await tx.update(schema.users).set({ silencedUntil: input.until, silenceReason: input.reason }).where(eq(schema.users.id, target.id));
    const detail = { until: input.until.toISOString(), previousUntil: target.silencedUntil?.toISOString() ?? null };
    await recordAudit(tx, { actorId: actor.id, action: 'user.silence', subjectType: 'user', subjectId: target.id, ip: actor.ip, detail });
    await recordStaffAction(tx, { actorId: actor.id, action: 'user.silence', targetType: 'user', targetId: target.id, targetUserId: target.id, reason: input.reason, detail });
  });
  return { id: userId, silencedUntil: input.until.toISOString() };
}

export async function liftSilence(actor: Actor, userId: string, raw: unknown = {}) {
  const input = parseInput(liftInput, raw ?? {});
  await getDb().transaction(async (tx) => {
    const target = await lockTargetUser(tx, actor, userId);
    if (!target.silencedUntil || target.silencedUntil.getTime() <= Date.now()) throw Conflict('This person is not silenced.');
    await tx.update(schema.users).set({ silencedUntil: null, silenceReason: null }).where(eq(schema.users.id, target.id));
    await recordAudit(tx, { actorId: actor.id, action: 'user.unsilence', subjectType: 'user', subjectId: target.id, ip: actor.ip });
    await recordStaffAction(tx, { actorId: actor.id, action: 'user.unsilence', targetType: 'user', targetId: target.id, targetUserId: target.id, reason: input.reason });
  });
  return { id: userId, silencedUntil: null };
}
