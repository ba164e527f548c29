import { and, eq, isNotNull, lte } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { QUEUES } from '@/lib/jobs';

/**
 * Silences and suspensions whose end date has passed are lifted and audited. Idempotent and safe to run
 * concurrently: each UPDATE only matches rows still carrying an expired end date. (A silence already
 * stops applying at its end date: the write check compares it with the time.)
 */
export async function liftExpiredSanctions(now = new Date()) {
  return getDb().transaction(async (tx) => {
    const unsilenced = await tx
      .update(schema.users)
      .set({ silencedUntil: null, silenceReason: null })
      .where(and(isNotNull(schema.users.silencedUntil), lte(schema.users.silencedUntil, now)))
      .returning({ id: schema.users.id });
    const unsuspended = await tx
      .update(schema.users)
      .set({ status: 'active', suspendedUntil: null, suspensionReason: null })
      .where(and(eq(schema.users.status, 'suspended'), isNotNull(schema.users.suspendedUntil), lte(schema.users.suspendedUntil, now)))
      .returning({ id: schema.users.id });
    for (const { id } of unsilenced) {
      await recordAudit(tx, { actorId: null, action: 'user.silence_expired', subjectType: 'user', subjectId: id });
    }
    for (const { id } of unsuspended) {
      await recordAudit(tx, { actorId: null, action: 'user.suspension_expired', subjectType: 'user', subjectId: id });
    }
    return { unsilenced: unsilenced.length, unsuspended: unsuspended.length };
  });
}

/** Worker wiring: every minute. */
export async function startSanctionExpiryWorker(boss: PgBoss) {
  await boss.work(QUEUES.sanctionExpiry, { pollingIntervalSeconds: 30 }, async () => {
    await liftExpiredSanctions();
  });
  await boss.schedule(QUEUES.sanctionExpiry, '* * * * *');
}
