import { and, asc, eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { NotFound } from '@/lib/errors';
import { activeMembershipOf, isStaff, mayManageRoom, mayPostInRoom, mayViewRoomSms } from '@/lib/policy';
import { uuidParam } from '@/lib/validation';
import { anonymousAuthorLabel } from './anonymous-label';
import { escalationMinutesOf } from './change-room-settings';

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
      kind: schema.roomPosts.kind,
      anonymous: schema.roomPosts.anonymous,
      authorId: schema.roomPosts.authorId,
      authorName: schema.users.name,
      organisationType: schema.organisations.type,
      region: schema.organisations.region,
    })
    .from(schema.roomPosts)
    .innerJoin(schema.users, eq(schema.users.id, schema.roomPosts.authorId))
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
    .where(eq(schema.roomPosts.roomId, room.id))
    .orderBy(asc(schema.roomPosts.createdAt), asc(schema.roomPosts.id));
  const organisations = await db
    .select({ id: schema.organisations.id, odsCode: schema.organisations.odsCode, name: schema.organisations.name })
    .from(schema.roomOrganisations)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.roomOrganisations.organisationId))
    .where(eq(schema.roomOrganisations.roomId, room.id))
    .orderBy(asc(schema.organisations.name));
  const [me] = await db
    .select({ type: schema.organisations.type, region: schema.organisations.region })
    .from(schema.organisations)
    .where(eq(schema.organisations.id, actor.organisationId));
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
    closedAt: room.closedAt,
    archivedAt: room.archivedAt,
    updateIntervalMinutes: room.updateIntervalMinutes,
    escalationMinutes: escalationMinutesOf(room),
    myRole: membership.role,
    canPost: mayPostInRoom(membership, room),
    canManage: mayManageRoom(actor, membership),
    canViewSms: mayViewRoomSms(actor, membership),
    canRevealAuthors: isStaff(actor),
    /** How the actor's own anonymous posts are signed. */
    myAnonymousLabel: me ? anonymousAuthorLabel(me.type, me.region) : 'an organisation',
    organisations,
    // An anonymous post never carries its author's id or name; its author sees that it is theirs.
    posts: posts.map(({ authorId, authorName, organisationType, region, ...p }) => ({
      ...p,
      authorName: p.anonymous ? anonymousAuthorLabel(organisationType, region) : authorName,
      mine: authorId === actor.id,
    })),
  };
}
