import { and, eq, inArray, isNull, ne, or, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Forbidden } from '@/lib/errors';
import { getRoomForMember } from '@/lib/incidents/get-room';
import { insertJobsInTx, QUEUES } from '@/lib/jobs';
import { mayViewRoomSms } from '@/lib/policy';
import { emitRoomSmsChanged } from '@/lib/realtime/emit';

/**
 * Re-sends the room's failed texts (all, or the ones named). The row is kept — one per (room, number, kind) —
 * and starts a new attempt series with its own Notify reference, so the old attempt is never mistaken for
 * the new one. A permanent failure is not re-sent (Notify: the number is wrong). Recorded in the audit trail.
 */
export async function resendFailedTexts(actor: Actor, roomId: string, smsIds?: string[]) {
  const { room, membership } = await getRoomForMember(actor, roomId);
  if (!mayViewRoomSms(actor, membership)) throw Forbidden('Only the room’s leads can re-send its texts.');
  const result = await getDb().transaction(async (tx) => {
    const reset = await tx
      .update(schema.smsMessages)
      .set({
        status: 'queued',
        series: sql`${schema.smsMessages.series} + 1`,
        attempts: 0,
        notifyId: null,
        notifyStatus: null,
        failureReason: null,
        sentAt: null,
        completedAt: null,
        lastPolledAt: null,
        claimedUntil: null,
        simulated: false,
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(schema.smsMessages.roomId, room.id),
          eq(schema.smsMessages.status, 'failed'),
          or(isNull(schema.smsMessages.notifyStatus), ne(schema.smsMessages.notifyStatus, 'permanent-failure')),
          smsIds ? inArray(schema.smsMessages.id, smsIds.length ? smsIds : ['00000000-0000-0000-0000-000000000000']) : sql`true`,
        ),
      )
      .returning({ id: schema.smsMessages.id, kind: schema.smsMessages.kind, phone: schema.smsMessages.phone, series: schema.smsMessages.series });
    if (reset.length === 0) return { resent: 0 };
    // A signpost goes now unless its alert is being re-sent too: then it follows the alert as usual.
    const alertsQueued = new Set(
      (
        await tx
          .select({ phone: schema.smsMessages.phone })
          .from(schema.smsMessages)
          .where(and(eq(schema.smsMessages.roomId, room.id), eq(schema.smsMessages.kind, 'alert'), eq(schema.smsMessages.status, 'queued')))
      ).map((r) => r.phone),
    );
    const toSend = reset.filter((r) => r.kind === 'alert' || !alertsQueued.has(r.phone));
    await insertJobsInTx(tx, toSend.map((r) => ({ name: QUEUES.smsSend, data: { smsId: r.id } })));
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'sms.resend',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { texts: reset.map((r) => ({ id: r.id, series: r.series })) },
    });
    return { resent: reset.length };
  });
  if (result.resent) emitRoomSmsChanged(room.id);
  return result;
}
