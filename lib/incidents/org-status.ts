import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden, NotFound } from '@/lib/errors';
import { activeMembershipOf } from '@/lib/policy';
import { emitRoomOrgStatusChanged } from '@/lib/realtime/emit';
import { parseInput, uuidParam } from '@/lib/validation';
import { getRoomForMember } from './get-room';
import { recordRoomEvent } from './room-events';

export const ORG_STATUSES = schema.orgIncidentStatus.enumValues;
export const reportOrgStatusInput = z.object({
  status: z.enum(ORG_STATUSES, { message: 'Choose not affected, investigating, impacted, contained or recovered' }),
  note: z.string().trim().max(1000, { message: 'Note must be 1,000 characters or fewer' }).default(''),
});

/**
 * A member of an organisation invited to the room reports that organisation's state. Observers read only;
 * a closed room takes no reports. Members' open pages refetch the board (the event carries the room id).
 */
export async function reportOrgStatus(actor: Actor, roomId: string, raw: unknown) {
  if (!uuidParam.safeParse(roomId).success) throw NotFound();
  const result = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ room: schema.incidentRooms, role: schema.roomMembers.role, invitedOrg: schema.roomOrganisations.organisationId })
      .from(schema.incidentRooms)
      .innerJoin(schema.roomMembers, and(eq(schema.roomMembers.roomId, schema.incidentRooms.id), activeMembershipOf(actor)))
      .leftJoin(
        schema.roomOrganisations,
        and(eq(schema.roomOrganisations.roomId, schema.incidentRooms.id), eq(schema.roomOrganisations.organisationId, actor.organisationId)),
      )
      .where(eq(schema.incidentRooms.id, roomId))
      .for('update', { of: schema.incidentRooms });
    if (!row) throw NotFound();
    const input = parseInput(reportOrgStatusInput, raw);
    if (row.room.status === 'closed') throw Conflict('This room is closed and read-only.');
    if (row.role === 'observer') throw Conflict('Observers can read this room but not report in it.');
    if (!row.invitedOrg) throw Forbidden('Only members of an organisation invited to this room report its status.');
    const now = new Date();
    await tx
      .insert(schema.roomOrgStatuses)
      .values({ roomId: row.room.id, organisationId: actor.organisationId, status: input.status, note: input.note, updatedById: actor.id, updatedAt: now })
      .onConflictDoUpdate({
        target: [schema.roomOrgStatuses.roomId, schema.roomOrgStatuses.organisationId],
        set: { status: input.status, note: input.note, updatedById: actor.id, updatedAt: now },
      });
    await recordRoomEvent(tx, {
      roomId: row.room.id,
      kind: 'org_status',
      actorId: actor.id,
      subjectOrganisationId: actor.organisationId,
      detail: { status: input.status },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'room.org_status',
      subjectType: 'incident_room',
      subjectId: row.room.id,
      ip: actor.ip,
      detail: { organisationId: actor.organisationId, status: input.status },
    });
    return { roomId: row.room.id, organisationId: actor.organisationId, status: input.status, updatedAt: now };
  });
  emitRoomOrgStatusChanged(result.roomId);
  return result;
}

/** The board: every organisation invited to the room, with its latest report (or none yet). Members only. */
export async function listOrgStatusBoard(actor: Actor, roomId: string) {
  const { room } = await getRoomForMember(actor, roomId);
  return getDb()
    .select({
      organisationId: schema.organisations.id,
      organisationName: schema.organisations.name,
      odsCode: schema.organisations.odsCode,
      status: schema.roomOrgStatuses.status,
      note: schema.roomOrgStatuses.note,
      updatedAt: schema.roomOrgStatuses.updatedAt,
      updatedByName: schema.users.name,
    })
    .from(schema.roomOrganisations)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.roomOrganisations.organisationId))
    .leftJoin(
      schema.roomOrgStatuses,
      and(eq(schema.roomOrgStatuses.roomId, schema.roomOrganisations.roomId), eq(schema.roomOrgStatuses.organisationId, schema.roomOrganisations.organisationId)),
    )
    .leftJoin(schema.users, eq(schema.users.id, schema.roomOrgStatuses.updatedById))
    .where(eq(schema.roomOrganisations.roomId, room.id))
    .orderBy(asc(schema.organisations.name));
}
