import { and, eq, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { RetryLater } from '@/lib/alerts/deliver-sms';
import { classifyNotifyError, nextUtcMidnight } from '@/lib/alerts/notify-errors';
import { acquireNotifyToken } from '@/lib/alerts/notify-rate';
import { config } from '@/lib/config';
import type { EmailGateway } from './gateway';

export type EmailOutcome = 'accepted' | 'already-handled' | 'reconciled' | 'failed' | 'held';

/**
 * Hands one queued email to Notify. The row is the truth: anything not `queued` is left alone, and after
 * an attempt whose answer was lost Notify is asked for our reference (the row id) before sending again.
 * Retries follow notify-api.md: rate limits, 5xx and network errors are retried (by throwing RetryLater,
 * so pg-boss backs off), the daily limit waits for the next UTC day, any other 4xx fails for good.
 */
export async function deliverEmail(emailId: string, gateway: EmailGateway): Promise<{ outcome: EmailOutcome; retryAt?: Date }> {
  const db = getDb();
  const [email] = await db.select().from(schema.emailMessages).where(eq(schema.emailMessages.id, emailId)).limit(1);
  if (!email || email.status !== 'queued') return { outcome: 'already-handled' };
  const reference = email.id;

  if (email.attempts > 0 && !gateway.simulated) {
    await acquireNotifyToken();
    const existing = await gateway.findByReference(reference).catch(() => {
      throw new RetryLater('Could not check Notify for an earlier attempt');
    });
    if (existing) {
      await finish(email.id, { status: 'sending', notifyId: existing.id, sentAt: new Date() });
      return { outcome: 'reconciled' };
    }
  }

  const [claimed] = await db
    .update(schema.emailMessages)
    .set({ attempts: sql`${schema.emailMessages.attempts} + 1` })
    .where(and(eq(schema.emailMessages.id, email.id), eq(schema.emailMessages.status, 'queued')))
    .returning({ attempts: schema.emailMessages.attempts });
  if (!claimed) return { outcome: 'already-handled' };

  try {
    if (!gateway.simulated) await acquireNotifyToken();
    const sent = await gateway.send(email.templateId, email.toAddress, email.personalisation, reference);
    // Simulated: nothing leaves the process, so the email is as delivered as it will ever be.
    await finish(email.id, { status: gateway.simulated ? 'delivered' : 'sending', notifyId: sent.id, simulated: gateway.simulated, sentAt: new Date(), failureReason: null });
    return { outcome: 'accepted' };
  } catch (error) {
    const failure = classifyNotifyError(error);
    if (failure.action === 'fail') {
      await finish(email.id, { status: 'failed', failureReason: failure.message });
      return { outcome: 'failed' };
    }
    if (failure.action === 'hold-until-tomorrow') {
      await db.update(schema.emailMessages).set({ failureReason: `Held until tomorrow (UTC): ${failure.message}` }).where(eq(schema.emailMessages.id, email.id));
      return { outcome: 'held', retryAt: nextUtcMidnight() };
    }
    if (claimed.attempts > config().EMAIL_RETRY_LIMIT) {
      await finish(email.id, { status: 'failed', failureReason: `Gave up after ${claimed.attempts} attempts: ${failure.message}` });
      return { outcome: 'failed' };
    }
    await db.update(schema.emailMessages).set({ failureReason: failure.message }).where(eq(schema.emailMessages.id, email.id));
    throw new RetryLater(failure.message);
  }
}

type EmailRow = typeof schema.emailMessages.$inferSelect;

async function finish(id: string, changes: Partial<EmailRow>) {
  await getDb()
    .update(schema.emailMessages)
    .set(changes)
    .where(and(eq(schema.emailMessages.id, id), eq(schema.emailMessages.status, 'queued')));
}
