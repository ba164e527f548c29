import { and, eq, isNotNull, isNull, lt, lte, or, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { getDb, schema } from '@/db/client';
import { dropLiveConnections, revokeAllSessions } from '@/lib/auth/sign-out-everywhere';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { dormantSuspendedEmail, dormantWarningEmail } from '@/lib/email/messages';
import { queueEmail } from '@/lib/email/queue-email';
import { QUEUES } from '@/lib/jobs';
import { logger } from '@/lib/logger';

const days = (n: number) => sql`now() - ${`${n} days`}::interval`;

/**
 * The daily dormant-account sweep. Active accounts with no activity for DORMANT_WARN_AFTER_DAYS are warned
 * by email (once: dormant_warned_at); those warned DORMANT_SUSPEND_AFTER_WARNING_DAYS ago or more who have
 * not been active since are suspended (reason "dormant") and signed out everywhere. Every condition is
 * re-checked in the UPDATE, so a second run, or two at once, changes nothing more.
 */
export async function runDormantAccounts() {
  const c = config();
  const db = getDb();
  const u = schema.users;

  // "Not active since the warning": a sign-in after it moves last_active_at past dormant_warned_at.
  const notActiveSinceWarning = and(isNotNull(u.dormantWarnedAt), lt(u.lastActiveAt, u.dormantWarnedAt));
  const dueForSuspension = and(eq(u.status, 'active'), notActiveSinceWarning, lte(u.dormantWarnedAt, days(c.DORMANT_SUSPEND_AFTER_WARNING_DAYS)));
  const dueForWarning = and(eq(u.status, 'active'), lte(u.lastActiveAt, days(c.DORMANT_WARN_AFTER_DAYS)), or(isNull(u.dormantWarnedAt), lt(u.dormantWarnedAt, u.lastActiveAt)));

  let suspended = 0;
  for (const { id } of await db.select({ id: u.id }).from(u).where(dueForSuspension)) {
    const done = await db.transaction(async (tx) => {
      const [user] = await tx
        .update(u)
        .set({ status: 'suspended', suspensionReason: 'dormant', suspendedUntil: null })
        .where(and(eq(u.id, id), dueForSuspension))
        .returning({ id: u.id, name: u.name, email: u.email });
      if (!user) return false;
      await revokeAllSessions(tx, user.id, 'dormant');
      await recordAudit(tx, { actorId: null, action: 'user.dormant_suspend', subjectType: 'user', subjectId: user.id, detail: { reason: 'dormant' } });
      await queueEmail(tx, user.email, 'dormant.suspended', dormantSuspendedEmail({ name: user.name }));
      return true;
    });
    if (done) {
      dropLiveConnections(id);
      suspended++;
    }
  }

  let warned = 0;
  for (const { id } of await db.select({ id: u.id }).from(u).where(dueForWarning)) {
    const done = await db.transaction(async (tx) => {
      const [user] = await tx
        .update(u)
        .set({ dormantWarnedAt: sql`now()` })
        .where(and(eq(u.id, id), dueForWarning))
        .returning({ id: u.id, name: u.name, email: u.email });
      if (!user) return false;
      await recordAudit(tx, { actorId: null, action: 'user.dormant_warn', subjectType: 'user', subjectId: user.id });
      await queueEmail(tx, user.email, 'dormant.warning', dormantWarningEmail({ name: user.name, suspendAfterDays: c.DORMANT_SUSPEND_AFTER_WARNING_DAYS }));
      return true;
    });
    if (done) warned++;
  }
  return { warned, suspended };
}

/** Once a day (pg-boss cron: one run across all processes). */
export async function startDormantAccountsJob(boss: PgBoss, opts: { schedule?: boolean } = {}) {
  await boss.work(QUEUES.dormantAccounts, { pollingIntervalSeconds: 30 }, async () => {
    const result = await runDormantAccounts();
    logger.info(result, 'dormant accounts checked');
  });
  if (opts.schedule !== false) await boss.schedule(QUEUES.dormantAccounts, '17 3 * * *');
}
