import { eq, sql } from 'drizzle-orm';
import { getDb, schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Forbidden } from '@/lib/errors';
import { insertJobsInTx, QUEUES } from '@/lib/jobs';
import { mayViewSimulatedSms } from '@/lib/policy';

/**
 * The one switch for all sending. While paused (by an admin) or held (Notify's daily limit, until the next
 * UTC day) texts stay `queued`: the worker leaves them, and the sweeper sends them once sending may go on.
 */
export type SendingState = {
  paused: boolean;
  pausedAt: Date | null;
  heldUntil: Date | null;
  heldReason: string | null;
};

const GLOBAL = 'global';

export async function getSendingState(db: Pick<Tx, 'select'> = getDb()): Promise<SendingState> {
  const [row] = await db.select().from(schema.sendingControls).where(eq(schema.sendingControls.id, GLOBAL)).limit(1);
  const heldUntil = row?.heldUntil && row.heldUntil.getTime() > Date.now() ? row.heldUntil : null;
  return {
    paused: row?.paused ?? false,
    pausedAt: row?.pausedAt ?? null,
    heldUntil,
    heldReason: heldUntil ? (row?.heldReason ?? null) : null,
  };
}

/** Why nothing may be sent right now, or null when it may. */
export function sendingBlockedBy(state: SendingState): 'paused' | 'held' | null {
  if (state.paused) return 'paused';
  if (state.heldUntil) return 'held';
  return null;
}

async function upsert(tx: Tx, changes: Partial<typeof schema.sendingControls.$inferInsert>) {
  await tx
    .insert(schema.sendingControls)
    .values({ id: GLOBAL, ...changes, updatedAt: new Date() })
    .onConflictDoUpdate({ target: schema.sendingControls.id, set: { ...changes, updatedAt: new Date() } });
}

export async function pauseSending(actor: Actor) {
  if (!mayViewSimulatedSms(actor)) throw Forbidden('Only admins can pause sending.');
  await getDb().transaction(async (tx) => {
    await upsert(tx, { paused: true, pausedAt: new Date(), pausedById: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: 'sms.pause', subjectType: 'sending_controls', subjectId: GLOBAL, ip: actor.ip });
  });
  return getSendingState();
}

/** Resuming sweeps at once: every queued text gets a job again (the sweeper never sends a text twice). */
export async function resumeSending(actor: Actor) {
  if (!mayViewSimulatedSms(actor)) throw Forbidden('Only admins can resume sending.');
  await getDb().transaction(async (tx) => {
    await upsert(tx, { paused: false, pausedAt: null, pausedById: null });
    await recordAudit(tx, { actorId: actor.id, action: 'sms.resume', subjectType: 'sending_controls', subjectId: GLOBAL, ip: actor.ip });
    await insertJobsInTx(tx, [{ name: QUEUES.smsSweep, data: {} }]);
  });
  return getSendingState();
}

/** Notify's daily limit was reached: nothing more is sent until `until` (the next UTC day). */
export async function holdSendingUntil(tx: Tx, until: Date, reason: string) {
  await upsert(tx, { heldUntil: until, heldReason: reason });
  await insertJobsInTx(tx, [{ name: QUEUES.smsSweep, data: {}, startAfter: until }]);
}

/** For tests and admins who know better (e.g. a raised limit): lifts the daily hold now. */
export async function clearSendingHold(tx: Tx) {
  await tx.update(schema.sendingControls).set({ heldUntil: null, heldReason: null, updatedAt: sql`now()` }).where(eq(schema.sendingControls.id, GLOBAL));
}
