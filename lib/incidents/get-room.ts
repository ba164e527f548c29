import { and, asc, eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { NotFound } from '@/lib/errors';
import { activeMembershipOf, mayManageRoom, mayPostInRoom, mayViewRoomSms } from '@/lib/policy';
import { uuidParam } from '@/lib/validation';

/**
 * The room and the actor's membership, or NotFound — the same answer for a room that does not exist
 * and one the actor is not in. Membership is part of the query, not a check after it.
 */
export async function getRoomForMember(actor: Actor, roomId: string) {
  if (!uuidParam.safeParse(roomId).success) throw NotFound();
  const [row] = await getDb()
    .select({ room: schema.incidentRooms, membership: { role: schema.roomMembers.role } })
    .from(schema.incidentRooms)
    .innerJoin(
      schema.roomMembers,
      and(eq(schema.roomMembers.roomId, schema.incidentRooms.id), activeMembershipOf(actor)),
    )
    .where(eq(schema.incidentRooms.id, roomId))
    .limit(1);
  if (!row) throw NotFound();
  return row;
}

export async function getRoom(actor: Actor, roomId: string) {
  const { room, membership } = await getRoomForMember(actor, roomId);
  const db = getDb();
  const posts = await db
    .select({
      id: schema.roomPosts.id,
      tlp: schema.roomPosts.tlp,
      bodyHtml: schema.roomPosts.bodyHtml,
      createdAt: schema.roomPosts.createdAt,
      authorName: schema.users.name,
    })
    .from(schema.roomPosts)
    .innerJoin(schema.users, eq(schema.users.id, schema.roomPosts.authorId))
    .where(eq(schema.roomPosts.roomId, room.id))
    .orderBy(asc(schema.roomPosts.createdAt), asc(schema.roomPosts.id));
  const organisations = await db
    .select({ odsCode: schema.organisations.odsCode, name: schema.organisations.name })
    .from(schema.roomOrganisations)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.roomOrganisations.organisationId))
    .where(eq(schema.roomOrganisations.roomId, room.id))
    .orderBy(asc(schema.organisations.name));
  return {
    id: room.id,
    reference: room.reference,
    title: room.title,
    severity: room.severity,
    tlp: room.tlp,
    status: room.status,
    summary: room.summary,
    publicHeadline: room.publicHeadline,
    createdAt: room.createdAt,
    myRole: membership.role,
    canPost: mayPostInRoom(membership, room),
    canManage: mayManageRoom(actor, membership),
    canViewSms: mayViewRoomSms(actor, membership),
    organisations,
    posts,
  };
}
