import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import { queueRoomTexts } from '@/lib/alerts/outbox';
import { smsRecipientsForRoom } from '@/lib/alerts/recipients';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict } from '@/lib/errors';
import { emitRoomSmsChanged } from '@/lib/realtime/emit';
import { parseInput } from '@/lib/validation';
import { publishBulletinInTx } from './bulletins';
import { pendingInviteeRecipients } from './invitations';
import { lockRoomForManager } from './lock-room';
import { announceRoomChange, recordRoomEvent } from './room-events';

export const ROOM_STATUSES = schema.roomStatus.enumValues;
export const SEVERITIES = schema.severity.enumValues;
const ALERTING: readonly string[] = ['high', 'critical'];

export const changeStatusInput = z.object({ status: z.enum(ROOM_STATUSES, { message: 'Choose a status' }) });
export const changeSeverityInput = z.object({ severity: z.enum(SEVERITIES, { message: 'Choose a severity' }) });

/** Status only moves forward: open → contained → resolved → closed. A closed room is read-only. */
export async function changeRoomStatus(actor: Actor, roomId: string, raw: unknown) {
  const result = await getDb().transaction(async (tx) => {
    const { room } = await lockRoomForManager(tx, actor, roomId);
    const input = parseInput(changeStatusInput, raw);
    const from = ROOM_STATUSES.indexOf(room.status);
    const to = ROOM_STATUSES.indexOf(input.status);
    if (room.status === 'closed') throw Conflict('This room is closed and read-only.');
    if (to <= from) throw Conflict(`The room is already ${room.status}; its status only moves forward.`);
    const closedAt = input.status === 'closed' ? new Date() : null;
    await tx.update(schema.incidentRooms).set({ status: input.status, closedAt }).where(eq(schema.incidentRooms.id, room.id));
    await recordRoomEvent(tx, { roomId: room.id, kind: 'status_changed', actorId: actor.id, detail: { from: room.status, to: input.status } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'room.status',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { from: room.status, to: input.status },
    });
    return { id: room.id, status: input.status };
  });
  announceRoomChange(result.id);
  return result;
}

/**
 * Changes severity. Raising it to high or critical starts the SMS flow for members not yet texted
 * (numbers already texted for the room are skipped) and publishes the first bulletin if there is none.
 */
export async function changeRoomSeverity(actor: Actor, roomId: string, raw: unknown) {
  const result = await getDb().transaction(async (tx) => {
    const { room } = await lockRoomForManager(tx, actor, roomId);
    const input = parseInput(changeSeverityInput, raw);
    if (room.status === 'closed') throw Conflict('This room is closed and read-only.');
    if (input.severity === room.severity) throw Conflict(`The room’s severity is already ${room.severity}.`);
    const raised = SEVERITIES.indexOf(input.severity) > SEVERITIES.indexOf(room.severity);
    const updated = { ...room, severity: input.severity };
    await tx.update(schema.incidentRooms).set({ severity: input.severity }).where(eq(schema.incidentRooms.id, room.id));
    await recordRoomEvent(tx, { roomId: room.id, kind: 'severity_changed', actorId: actor.id, detail: { from: room.severity, to: input.severity } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'room.severity',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { from: room.severity, to: input.severity },
    });
    let texts = 0;
    let bulletin = false;
    if (raised && ALERTING.includes(input.severity)) {
      const [existing] = await tx
        .select({ id: schema.bulletins.id })
        .from(schema.bulletins)
        .where(eq(schema.bulletins.roomId, room.id))
        .limit(1);
      if (!existing) {
        await publishBulletinInTx(tx, actor, updated, { headline: room.publicHeadline, body: '' });
        bulletin = true;
      }
      // Members, and people invited but not yet answering: texts carry public fields only.
      const recipients = [...(await smsRecipientsForRoom(tx, room.id, actor.id)), ...(await pendingInviteeRecipients(tx, room.id))];
      texts = (await queueRoomTexts(tx, updated, recipients)).queued;
      if (texts > 0) await recordRoomEvent(tx, { roomId: room.id, kind: 'texts_sent', actorId: actor.id, detail: { count: texts } });
    }
    return { id: room.id, severity: input.severity, texts, bulletinPublished: bulletin };
  });
  announceRoomChange(result.id);
  if (result.texts > 0) emitRoomSmsChanged(result.id);
  return result;
}

/** A closed room can be archived: it leaves the active list and stays readable to its members. */
export async function archiveRoom(actor: Actor, roomId: string) {
  const result = await getDb().transaction(async (tx) => {
    const { room } = await lockRoomForManager(tx, actor, roomId);
    if (room.status !== 'closed') throw Conflict('Close the room before archiving it.');
    if (room.archivedAt) throw Conflict('The room is already archived.');
    const archivedAt = new Date();
    await tx.update(schema.incidentRooms).set({ archivedAt }).where(eq(schema.incidentRooms.id, room.id));
    await recordRoomEvent(tx, { roomId: room.id, kind: 'archived', actorId: actor.id });
    await recordAudit(tx, { actorId: actor.id, action: 'room.archive', subjectType: 'incident_room', subjectId: room.id, ip: actor.ip });
    return { id: room.id, archivedAt };
  });
  announceRoomChange(result.id);
  return result;
}
