import { and, eq, sql } from 'drizzle-orm';
import { getDb, schema, type Tx } from '@/db/client';
import { config } from '@/lib/config';
import { insertJobsInTx, QUEUES } from '@/lib/jobs';
import { emitRoomSmsChanged } from '@/lib/realtime/emit';
import type { SmsGateway } from './notify-client';
import { classifyNotifyError, nextUtcMidnight } from './notify-errors';
import { findRestrictedContent, restrictedStringsOf } from './restricted-guard';
import { getSendingState, holdSendingUntil, sendingBlockedBy } from './sending-controls';
import { acquireNotifyToken } from './notify-rate';

export class RetryLater extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RetryLater';
  }
}

export type DeliveryOutcome = 'accepted' | 'already-handled' | 'deferred' | 'failed' | 'held' | 'reconciled';

/** Our reference for Notify: the row id, and after a re-send `<id>.r<series>` so an old attempt is never mistaken for the new one. */
export function notifyReferenceOf(sms: { id: string; series: number }): string {
  return sms.series === 0 ? sms.id : `${sms.id}.r${sms.series}`;
}

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

  // Paused by an admin, or held by Notify's daily limit: the text stays queued; the sweeper sends it later.
  if (sendingBlockedBy(await getSendingState())) return 'deferred';

  // Every request to Notify takes a token from the bucket all our processes share.
  if (!gateway.simulated) await acquireNotifyToken();
  const claimed = await claim(sms.id);
  if (!claimed) return 'already-handled';
  // Another worker may have tried since we read the row: what counts is the row as we claimed it.
  sms.attempts = claimed.attempts;
  sms.series = claimed.series;
  const reference = notifyReferenceOf(sms);
  // Recording an outcome (finish) also lets go of the claim; only the other ways out release it separately.
  let settled = false;

  try {
    if (sms.attempts > 0 && !gateway.simulated) {
      await acquireNotifyToken();
      const existing = await gateway.findByReference(reference).catch(() => {
        throw new RetryLater('Could not check Notify for an earlier attempt');
      });
      if (existing) {
        await markAccepted(sms, existing.id, existing.body ?? sms.body, false);
        settled = true;
        return 'reconciled';
      }
    }

    await db
      .update(schema.smsMessages)
      .set({ attempts: sql`${schema.smsMessages.attempts} + 1`, updatedAt: new Date() })
      .where(eq(schema.smsMessages.id, sms.id));

    try {
      const sent = await gateway.send(sms.templateId, sms.phone, sms.personalisation, reference);
      await markAccepted(sms, sent.id, sent.body ?? sms.body, gateway.simulated);
      settled = true;
      return 'accepted';
    } catch (error) {
      const failure = classifyNotifyError(error);
      if (failure.action === 'fail') {
        await markFailed(sms, failure.message);
        settled = true;
        return 'failed';
      }
      if (failure.action === 'hold-until-tomorrow') {
        await holdUntilTomorrow(sms.id, failure.message);
        return 'held';
      }
      if (sms.attempts + 1 > config().SMS_RETRY_LIMIT) {
        await markFailed(sms, `Gave up after ${sms.attempts + 1} attempts: ${failure.message}`);
        settled = true;
        return 'failed';
      }
      throw new RetryLater(failure.message);
    }
  } finally {
    if (!settled) await release(sms.id);
  }
}

/** How long a claimed text is left to its worker: a lookup and a send, each with its timeout, and a margin. */
export function smsLeaseMs(): number {
  return config().NOTIFY_TIMEOUT_MS * 2 + 30_000;
}

/**
 * Takes the text for this worker for long enough to look it up and send it. A second job for the same
 * text (a sweep, a retry racing a slow answer) finds it taken and leaves it; a crashed worker's lease runs out.
 */
async function claim(smsId: string): Promise<{ attempts: number; series: number } | undefined> {
  const leaseMs = smsLeaseMs();
  const rows = await getDb()
    .update(schema.smsMessages)
    .set({ claimedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
    .where(
      and(
        eq(schema.smsMessages.id, smsId),
        eq(schema.smsMessages.status, 'queued'),
        sql`(${schema.smsMessages.claimedUntil} is null or ${schema.smsMessages.claimedUntil} < now())`,
      ),
    )
    .returning({ attempts: schema.smsMessages.attempts, series: schema.smsMessages.series });
  return rows[0];
}

async function release(smsId: string) {
  await getDb().update(schema.smsMessages).set({ claimedUntil: null }).where(eq(schema.smsMessages.id, smsId));
}

type SmsRow = typeof schema.smsMessages.$inferSelect;

export async function markAccepted(sms: SmsRow, notifyId: string, body: string, simulated: boolean) {
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
export async function finish(sms: SmsRow, changes: Partial<SmsRow>) {
  return getDb().transaction(async (tx) => {
    const updated = await tx
      .update(schema.smsMessages)
      .set({ ...changes, claimedUntil: null, updatedAt: new Date() })
      .where(and(eq(schema.smsMessages.id, sms.id), eq(schema.smsMessages.status, 'queued')))
      .returning({ id: schema.smsMessages.id });
    if (updated.length && sms.kind === 'alert') await queueSignpostFor(tx, sms);
    return updated.length > 0;
  }).finally(() => emitRoomSmsChanged(sms.roomId));
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
    await holdSendingUntil(tx, nextUtcMidnight(), message);
  });
}
