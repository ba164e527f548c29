import { and, eq, sql } from 'drizzle-orm';
import { getDb, schema, type Tx } from '@/db/client';
import { config } from '@/lib/config';
import { insertJobsInTx, QUEUES } from '@/lib/jobs';
import { emitRoomSmsChanged } from '@/lib/realtime/emit';
import type { SmsGateway } from './notify-client';
import { classifyNotifyError, nextUtcMidnight } from './notify-errors';
import { findRestrictedContent, restrictedStringsOf } from './restricted-guard';

export class RetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryLater';
  }
}

export type DeliveryOutcome = 'accepted' | 'already-handled' | 'failed' | 'held' | 'reconciled';

/**
 * Hands one queued text to Notify, at most once. The row's state is the truth: a text that is not
 * `queued` is left alone, and after an earlier attempt whose answer was lost we first ask Notify
 * whether it already has the text (by our reference, the row id) before sending again.
 */
export async function deliverSms(smsId: string, gateway: SmsGateway): Promise<DeliveryOutcome> {
  const db = getDb();
  const [row] = await db
    .select({ sms: schema.smsMessages, room: schema.incidentRooms })
    .from(schema.smsMessages)
    .innerJoin(schema.incidentRooms, eq(schema.incidentRooms.id, schema.smsMessages.roomId))
    .where(eq(schema.smsMessages.id, smsId))
    .limit(1);
  if (!row || row.sms.status !== 'queued') return 'already-handled';
  const { sms, room } = row;

  const personalText = [sms.body, ...Object.values(sms.personalisation)].join(' ');
  if (findRestrictedContent(personalText, restrictedStringsOf(room))) {
    await markFailed(sms, 'Refused before sending: the text contained restricted content');
    return 'failed';
  }

  if (sms.attempts > 0 && !gateway.simulated) {
    const existing = await gateway.findByReference(sms.id).catch(() => {
      throw new RetryLater('Could not check Notify for an earlier attempt');
    });
    if (existing) {
      await markAccepted(sms, existing.id, existing.body ?? sms.body, false);
      return 'reconciled';
    }
  }

  await db
    .update(schema.smsMessages)
    .set({ attempts: sql`${schema.smsMessages.attempts} + 1`, updatedAt: new Date() })
    .where(eq(schema.smsMessages.id, sms.id));

  try {
    const sent = await gateway.send(sms.templateId, sms.phone, sms.personalisation, sms.id);
    await markAccepted(sms, sent.id, sent.body ?? sms.body, gateway.simulated);
    return 'accepted';
  } catch (error) {
    const failure = classifyNotifyError(error);
    if (failure.action === 'fail') {
      await markFailed(sms, failure.message);
      return 'failed';
    }
    if (failure.action === 'hold-until-tomorrow') {
      await holdUntilTomorrow(sms.id, failure.message);
      return 'held';
    }
    if (sms.attempts + 1 > config().SMS_RETRY_LIMIT) {
      await markFailed(sms, `Gave up after ${sms.attempts + 1} attempts: ${failure.message}`);
      return 'failed';
    }
    throw new RetryLater(failure.message);
  }
}

type SmsRow = typeof schema.smsMessages.$inferSelect;

async function markAccepted(sms: SmsRow, notifyId: string, body: string, simulated: boolean) {
  await finish(sms, {
    status: simulated ? 'delivered' : 'sending',
    notifyId,
    notifyStatus: simulated ? 'simulated' : 'created',
    body,
    simulated,
    sentAt: new Date(),
    completedAt: simulated ? new Date() : null,
  });
}

async function markFailed(sms: SmsRow, reason: string) {
  await finish(sms, { status: 'failed', failureReason: reason, completedAt: new Date() });
}

/** Records the outcome and, for an alert, queues the signpost to the same number — one transaction. */
async function finish(sms: SmsRow, changes: Partial<SmsRow>) {
  await getDb().transaction(async (tx) => {
    const updated = await tx
      .update(schema.smsMessages)
      .set({ ...changes, updatedAt: new Date() })
      .where(and(eq(schema.smsMessages.id, sms.id), eq(schema.smsMessages.status, 'queued')))
      .returning({ id: schema.smsMessages.id });
    if (updated.length && sms.kind === 'alert') await queueSignpostFor(tx, sms);
  });
  emitRoomSmsChanged(sms.roomId);
}

async function queueSignpostFor(tx: Tx, alert: SmsRow) {
  const [signpost] = await tx
    .select({ id: schema.smsMessages.id })
    .from(schema.smsMessages)
    .where(
      and(
        eq(schema.smsMessages.roomId, alert.roomId),
        eq(schema.smsMessages.phone, alert.phone),
        eq(schema.smsMessages.kind, 'signpost'),
        eq(schema.smsMessages.status, 'queued'),
      ),
    )
    .limit(1);
  if (signpost) await insertJobsInTx(tx, [{ name: QUEUES.smsSend, data: { smsId: signpost.id } }]);
}

async function holdUntilTomorrow(smsId: string, message: string) {
  await getDb().transaction(async (tx) => {
    await tx
      .update(schema.smsMessages)
      .set({ failureReason: `Held until tomorrow (UTC): ${message}`, updatedAt: new Date() })
      .where(eq(schema.smsMessages.id, smsId));
    await insertJobsInTx(tx, [{ name: QUEUES.smsSend, data: { smsId }, startAfter: nextUtcMidnight() }]);
  });
}
