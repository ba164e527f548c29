import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden, NotFound } from '@/lib/errors';
import { mayEnterRoomAsStaff, mayReadRoomAudit } from '@/lib/policy';
import { emitRoomStaffEntry } from '@/lib/realtime/emit';
import { parseInput, uuidParam } from '@/lib/validation';
import { getRoom, getRoomForMember } from './get-room';
import { announceRoomChange, recordRoomEvent } from './room-events';

/**
 * How long one recorded view covers a person's further reads of the same room from the same address. An open
 * room page refetches on every live event; recording each refetch would bury the trail in noise.
 */
export const VIEW_AUDIT_WINDOW_MINUTES = 15;

/**
 * Reads a room for a page or an API GET and records the view: who, when, from where. The rule: a person's
 * first read of a room is always recorded, and after that at most one per VIEW_AUDIT_WINDOW_MINUTES from the
 * same address (a read from a new address is recorded at once). So every stretch of viewing is on the
 * trail, with its start to within 15 minutes, without one row per live refresh.
 */
export async function viewRoom(actor: Actor, roomId: string, surface: 'page' | 'api') {
  const room = await getRoom(actor, roomId);
  const ip = actor.ip ?? null;
  await getDb().execute(sql`
    insert into ${schema.auditEvents} (actor_id, action, subject_type, subject_id, ip, detail)
    select ${actor.id}::uuid, 'room.view', 'incident_room', ${room.id}::text, ${ip}::text, ${JSON.stringify({ surface })}::jsonb
    where not exists (
      select 1 from ${schema.auditEvents} a
      where a.subject_type = 'incident_room' and a.subject_id = ${room.id} and a.action = 'room.view'
        and a.actor_id = ${actor.id}::uuid and a.ip is not distinct from ${ip}::text
        and a.created_at > now() - make_interval(mins => ${VIEW_AUDIT_WINDOW_MINUTES})
    )`);
  return room;
}

/** The room's audit trail, newest first, for moderators and admins who are in the room. */
export async function listRoomAudit(actor: Actor, roomId: string) {
  const { room } = await getRoomForMember(actor, roomId);
  if (!mayReadRoomAudit(actor)) throw Forbidden('Only moderators and admins in the room can read its audit trail.');
  return getDb()
    .select({
      id: schema.auditEvents.id,
      action: schema.auditEvents.action,
      actorName: schema.users.name,
      ip: schema.auditEvents.ip,
      detail: schema.auditEvents.detail,
      createdAt: schema.auditEvents.createdAt,
    })
    .from(schema.auditEvents)
    .leftJoin(schema.users, eq(schema.users.id, schema.auditEvents.actorId))
    .where(and(eq(schema.auditEvents.subjectType, 'incident_room'), eq(schema.auditEvents.subjectId, room.id)))
    .orderBy(desc(schema.auditEvents.id))
    .limit(1000);
}

export const staffEntryInput = z.object({
  reason: z.string({ message: 'Give a reason' }).trim().min(10, { message: 'Give a reason of at least 10 characters' }).max(500, { message: 'Reason must be 500 characters or fewer' }),
});

/**
 * An admin enters a room they are not a member of, giving a reason. They join as an observer (source
 * staff_entry); the room's timeline records it and members' pages are told. Anyone who is not an admin
 * gets the same 404 as for a room that does not exist.
 */
export async function enterRoomAsStaff(actor: Actor, roomId: string, raw: unknown) {
  if (!mayEnterRoomAsStaff(actor) || !uuidParam.safeParse(roomId).success) throw NotFound();
  const result = await getDb().transaction(async (tx) => {
    const [room] = await tx
      .select({ id: schema.incidentRooms.id })
      .from(schema.incidentRooms)
      .where(and(eq(schema.incidentRooms.id, roomId), sql`exists (select 1 from ${schema.users} u where u.id = ${actor.id} and u.status = 'active')`))
      .for('update');
    if (!room) throw NotFound();
    const { reason } = parseInput(staffEntryInput, raw);
    const [current] = await tx
      .select({ userId: schema.roomMembers.userId })
      .from(schema.roomMembers)
      .where(and(eq(schema.roomMembers.roomId, room.id), eq(schema.roomMembers.userId, actor.id), isNull(schema.roomMembers.removedAt)));
    if (current) throw Conflict('You are already a member of this room.');
    await tx
      .insert(schema.roomMembers)
      .values({ roomId: room.id, userId: actor.id, role: 'observer', source: 'staff_entry', grantedById: actor.id, reason })
      .onConflictDoUpdate({
        target: [schema.roomMembers.roomId, schema.roomMembers.userId],
        set: { removedAt: null, role: 'observer', source: 'staff_entry', grantedById: actor.id, reason, createdAt: new Date() },
      });
    await recordRoomEvent(tx, { roomId: room.id, kind: 'joined', actorId: actor.id, subjectUserId: actor.id, detail: { via: 'staff_entry' } });
    await recordAudit(tx, { actorId: actor.id, action: 'room.staff_entry', subjectType: 'incident_room', subjectId: room.id, ip: actor.ip, detail: { reason } });
    return { roomId: room.id };
  });
  announceRoomChange(result.roomId);
  emitRoomStaffEntry(result.roomId, actor.id);
  return { roomId: result.roomId, role: 'observer' as const };
}

/** The admins' register of rooms: reference, severity, status and opening time — never titles or content. */
export async function listRoomRegister(actor: Actor) {
  if (!mayEnterRoomAsStaff(actor)) throw Forbidden('Only admins can see the room register.');
  return getDb()
    .select({
      id: schema.incidentRooms.id,
      reference: schema.incidentRooms.reference,
      severity: schema.incidentRooms.severity,
      status: schema.incidentRooms.status,
      createdAt: schema.incidentRooms.createdAt,
      member: sql<boolean>`exists (select 1 from ${schema.roomMembers} m where m.room_id = ${schema.incidentRooms.id} and m.user_id = ${actor.id} and m.removed_at is null)`,
    })
    .from(schema.incidentRooms)
    .orderBy(desc(schema.incidentRooms.createdAt))
    .limit(500);
}
