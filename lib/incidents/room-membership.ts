import { and, asc, eq, isNull, ne } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, NotFound } from '@/lib/errors';
import { emitRoomAccessChanged, removeUserFromIncidentSockets } from '@/lib/realtime/emit';
import { parseInput, uuidParam } from '@/lib/validation';
import { getRoomForMember } from './get-room';
import { announceRoomChange, recordRoomEvent } from './room-events';
import { lockRoomForManager } from './lock-room';

export const ROOM_ROLES = schema.roomRole.enumValues;
export const changeRoleInput = z.object({ role: z.enum(ROOM_ROLES, { message: 'Choose lead, member or observer' }) });

/** The target's current membership (locked), or NotFound: a person not in the room is not found in it. */
async function lockMember(tx: Tx, roomId: string, userId: string) {
  if (!uuidParam.safeParse(userId).success) throw NotFound();
  const [member] = await tx
    .select()
    .from(schema.roomMembers)
    .where(and(eq(schema.roomMembers.roomId, roomId), eq(schema.roomMembers.userId, userId), isNull(schema.roomMembers.removedAt)))
    .for('update')
    .limit(1);
  if (!member) throw NotFound();
  return member;
}

/** A room always keeps at least one lead: someone must be able to manage it. */
async function assertAnotherLead(tx: Tx, roomId: string, userId: string) {
  const others = await tx
    .select({ userId: schema.roomMembers.userId })
    .from(schema.roomMembers)
    .innerJoin(schema.users, eq(schema.users.id, schema.roomMembers.userId))
    .where(
      and(
        eq(schema.roomMembers.roomId, roomId),
        eq(schema.roomMembers.role, 'lead'),
        isNull(schema.roomMembers.removedAt),
        ne(schema.roomMembers.userId, userId),
        eq(schema.users.status, 'active'),
      ),
    )
    .limit(1);
  if (others.length === 0) throw Conflict('The room must keep at least one lead. Make someone else a lead first.');
}

/** Leads (and moderators or admins in the room) change a member's room role: lead, member or observer. */
export async function changeMemberRole(actor: Actor, roomId: string, userId: string, raw: unknown) {
  const result = await getDb().transaction(async (tx) => {
    const { room } = await lockRoomForManager(tx, actor, roomId);
    const member = await lockMember(tx, room.id, userId);
    const input = parseInput(changeRoleInput, raw);
    if (member.role === input.role) throw Conflict(`They are already a ${input.role} of this room.`);
    if (member.role === 'lead') await assertAnotherLead(tx, room.id, member.userId);
    await tx
      .update(schema.roomMembers)
      .set({ role: input.role })
      .where(and(eq(schema.roomMembers.roomId, room.id), eq(schema.roomMembers.userId, member.userId)));
    await recordRoomEvent(tx, {
      roomId: room.id,
      kind: 'role_changed',
      actorId: actor.id,
      subjectUserId: member.userId,
      detail: { from: member.role, to: input.role },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'room.member.role',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { userId: member.userId, from: member.role, to: input.role },
    });
    return { roomId: room.id, userId: member.userId, role: input.role };
  });
  announceRoomChange(result.roomId);
  emitRoomAccessChanged(result.userId, result.roomId);
  return result;
}

/**
 * Removes a member. Effective at once: membership is in every room query's WHERE, so their next
 * request is a 404, and their open sockets leave the room now.
 */
export async function removeMember(actor: Actor, roomId: string, userId: string) {
  const result = await getDb().transaction(async (tx) => {
    const { room } = await lockRoomForManager(tx, actor, roomId);
    const member = await lockMember(tx, room.id, userId);
    if (member.role === 'lead') await assertAnotherLead(tx, room.id, member.userId);
    await tx
      .update(schema.roomMembers)
      .set({ removedAt: new Date() })
      .where(and(eq(schema.roomMembers.roomId, room.id), eq(schema.roomMembers.userId, member.userId)));
    await recordRoomEvent(tx, { roomId: room.id, kind: 'removed', actorId: actor.id, subjectUserId: member.userId });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'room.member.remove',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { userId: member.userId, role: member.role, source: member.source },
    });
    return { roomId: room.id, userId: member.userId };
  });
  removeUserFromIncidentSockets(result.userId, result.roomId);
  emitRoomAccessChanged(result.userId, result.roomId);
  announceRoomChange(result.roomId);
  return result;
}

const grantors = alias(schema.users, 'grantor');

/**
 * "Who can see this and why": every person with access now — how they got it (creator, invited person,
 * organisation, nomination, staff entry), who granted it and when. Any member of the room may read it.
 */
export async function listRoomAccess(actor: Actor, roomId: string) {
  const { room } = await getRoomForMember(actor, roomId);
  return getDb()
    .select({
      userId: schema.users.id,
      name: schema.users.name,
      organisationName: schema.organisations.name,
      odsCode: schema.organisations.odsCode,
      role: schema.roomMembers.role,
      source: schema.roomMembers.source,
      grantedById: schema.roomMembers.grantedById,
      grantedByName: grantors.name,
      grantedAt: schema.roomMembers.createdAt,
    })
    .from(schema.roomMembers)
    .innerJoin(schema.users, eq(schema.users.id, schema.roomMembers.userId))
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
    .innerJoin(grantors, eq(grantors.id, schema.roomMembers.grantedById))
    .where(and(eq(schema.roomMembers.roomId, room.id), isNull(schema.roomMembers.removedAt), eq(schema.users.status, 'active')))
    .orderBy(asc(schema.roomMembers.role), asc(schema.users.name));
}
