import { and, eq, inArray, isNotNull, lte, type SQL } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { getDb, schema, type Tx } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { QUEUES } from '@/lib/jobs';
import { recordStaffAction } from './staff-log';

const users = schema.users;

type Sanction = {
  action: 'user.silence_expired' | 'user.suspension_expired';
  reason: string;
  endsAt: typeof users.silencedUntil | typeof users.suspendedUntil;
  expired: (now: Date) => SQL | undefined;
  lift: Partial<typeof users.$inferInsert>;
};

const SILENCE: Sanction = {
  action: 'user.silence_expired',
  reason: 'The silence reached its end date.',
  endsAt: users.silencedUntil,
  expired: (now) => and(isNotNull(users.silencedUntil), lte(users.silencedUntil, now)),
  lift: { silencedUntil: null, silenceReason: null },
};

const SUSPENSION: Sanction = {
  action: 'user.suspension_expired',
  reason: 'The suspension reached its end date.',
  endsAt: users.suspendedUntil,
  expired: (now) => and(eq(users.status, 'suspended'), isNotNull(users.suspendedUntil), lte(users.suspendedUntil, now)),
  lift: { status: 'active', suspendedUntil: null, suspensionReason: null },
};

/**
 * Silences and suspensions whose end date has passed are lifted, audited and written to the staff action
 * log as done by Watchroom itself. Idempotent and safe to run concurrently: the expired rows are locked
 * first (in id order, so two runs cannot deadlock), and a second run waiting on those locks finds them no
 * longer expired, so each lift is logged once.
 * (A silence already stops applying at its end date: the write check compares it with the time.)
 */
export async function liftExpiredSanctions(now = new Date()) {
  return getDb().transaction(async (tx) => ({
    unsilenced: await liftExpired(tx, SILENCE, now),
    unsuspended: await liftExpired(tx, SUSPENSION, now),
  }));
}

async function liftExpired(tx: Tx, sanction: Sanction, now: Date): Promise<number> {
  const expired = await tx.select({ id: users.id, endsAt: sanction.endsAt }).from(users).where(sanction.expired(now)).orderBy(users.id).for('update');
  if (!expired.length) return 0;
  await tx.update(users).set(sanction.lift).where(inArray(users.id, expired.map((u) => u.id)));
  for (const { id, endsAt } of expired) {
    const detail = { endedAt: endsAt?.toISOString() ?? null };
    await recordAudit(tx, { actorId: null, action: sanction.action, subjectType: 'user', subjectId: id, detail });
    await recordStaffAction(tx, { automatic: true, action: sanction.action, targetType: 'user', targetId: id, targetUserId: id, reason: sanction.reason, detail });
  }
  return expired.length;
}

/** Worker wiring: every minute. */
export async function startSanctionExpiryWorker(boss: PgBoss) {
  await boss.work(QUEUES.sanctionExpiry, { pollingIntervalSeconds: 30 }, async () => {
    await liftExpiredSanctions();
  });
  await boss.schedule(QUEUES.sanctionExpiry, '* * * * *');
}
