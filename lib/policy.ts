import type postgres from 'postgres';
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { schema, type Tx } from '@/db/client';
import type { Actor, Role } from '@/lib/auth/actor';
import { Forbidden } from '@/lib/errors';
import { UK_TIME_ZONE } from '@/lib/ui/date-time-format';

/**
 * The one place that says who may see or do what. Every surface — pages, API, search, sockets,
 * notifications, exports and SMS — asks these functions; reads put `roomVisibleTo` in their WHERE.
 */

export const TLP_ORDER = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_ORDER)[number];
export const ROOM_CEILINGS = ['AMBER', 'AMBER+STRICT', 'RED'] as const satisfies readonly Tlp[];
export const PUBLIC_CHANNEL_TLP = ['CLEAR', 'GREEN'] as const satisfies readonly Tlp[];

export type RoomMembership = { role: 'lead' | 'member' | 'observer' };
export type RoomState = { status: 'open' | 'contained' | 'resolved' | 'closed' };

const staffRoles: Role[] = ['moderator', 'admin'];

export function isStaff(actor: Actor): boolean {
  return staffRoles.includes(actor.role);
}

export function tlpWithin(label: Tlp, ceiling: Tlp): boolean {
  return TLP_ORDER.indexOf(label) <= TLP_ORDER.indexOf(ceiling);
}

// ── public channels ─────────────────────────────────────────────────────────
/** Every signed-in (so vetted and active) member reads public channels. */
export function mayReadChannels(actor: Actor): boolean {
  return Boolean(actor.id);
}

export function mayPostInThread(actor: Actor, thread: { locked: boolean }, channel: { archivedAt: Date | string | null }) {
  return mayReadChannels(actor) && !thread.locked && channel.archivedAt === null;
}

// ── incident rooms ──────────────────────────────────────────────────────────
export function mayOpenRoom(actor: Actor): boolean {
  return actor.role === 'incident_lead' || actor.role === 'admin';
}

/**
 * The WHERE condition that limits incident rooms to those the actor is a current member of.
 * Staff get no bypass here: a moderator outside a room sees exactly what a stranger sees.
 */
export function roomVisibleTo(actor: Actor): SQL {
  if (!actor?.id) throw new Error('roomVisibleTo needs an actor');
  return sql`exists (select 1 from ${schema.roomMembers} m where m.room_id = ${schema.incidentRooms.id} and m.user_id = ${actor.id} and m.removed_at is null) and ${actorIsActive(actor)}`;
}

/** Current-membership condition for joins on room_members. */
export function activeMembershipOf(actor: Actor): SQL {
  if (!actor?.id) throw new Error('activeMembershipOf needs an actor');
  return and(eq(schema.roomMembers.userId, actor.id), isNull(schema.roomMembers.removedAt), actorIsActive(actor))!;
}

/**
 * Suspension is immediate even for an Actor built before it (an open socket keeps the one from its
 * handshake): restricted reads re-check the account in the same query. One primary-key lookup.
 */
function actorIsActive(actor: Actor): SQL {
  return sql`exists (select 1 from ${schema.users} u where u.id = ${actor.id} and u.status = 'active')`;
}

export function mayPostInRoom(membership: RoomMembership, room: RoomState): boolean {
  return membership.role !== 'observer' && room.status !== 'closed';
}

export function mayManageRoom(actor: Actor, membership: RoomMembership): boolean {
  return membership.role === 'lead' || isStaff(actor);
}

/** The SMS ledger (masked numbers, statuses) is for the room's leads and for staff who are in the room. */
export function mayViewRoomSms(actor: Actor, membership: RoomMembership): boolean {
  return mayManageRoom(actor, membership);
}

export function mayPublishBulletin(actor: Actor, membership: RoomMembership): boolean {
  return mayManageRoom(actor, membership);
}

/** A room's audit trail: moderators and admins who are themselves in the room. */
export function mayReadRoomAudit(actor: Actor): boolean {
  return isStaff(actor);
}

/** Only admins may enter a room they are not in, with a reason; they join as an observer and the leads are told. */
export function mayEnterRoomAsStaff(actor: Actor): boolean {
  return actor.role === 'admin';
}

// ── administration ──────────────────────────────────────────────────────────
/** The simulated-SMS outbox shows every text's full body and number: admins only. */
export function mayViewSimulatedSms(actor: Actor): boolean {
  return actor.role === 'admin';
}

// ── moderation ──────────────────────────────────────────────────────────────
/** Moderators and admins review reports, hide posts, move threads and sanction users. */
export function mayModerate(actor: Actor): boolean {
  return isStaff(actor);
}

/** Staff act on other people, never on themselves; a moderator never acts on an admin. */
export function mayModerateUser(actor: Actor, target: { id: string; role: Role }): boolean {
  if (!isStaff(actor) || actor.id === target.id) return false;
  return !(target.role === 'admin' && actor.role !== 'admin');
}

/** A hidden post's text is for staff; everyone else sees that a moderator hid it. */
export function maySeeHiddenPosts(actor: Actor): boolean {
  return isStaff(actor);
}

/**
 * Silenced members read but do not write. Every write use case (threads, replies, edits, room posts)
 * calls this inside its transaction, so a silence that lands mid-request still holds.
 */
export async function assertMayWrite(tx: Tx, actor: Actor) {
  const [row] = await tx
    .select({ silencedUntil: schema.users.silencedUntil })
    .from(schema.users)
    .where(and(eq(schema.users.id, actor.id), sql`${schema.users.silencedUntil} > now()`))
    .limit(1);
  assertNotSilenced(row?.silencedUntil ?? null);
}

/**
 * The same rule inside one SQL statement (postgres.js): true while `userId` is not silenced. Writes that are a
 * single statement (lib/forum/create-post.ts, create-thread.ts) guard on it, so a silence that lands between
 * their check and their write still holds.
 */
export function notSilencedSql(sql: postgres.Sql, userId: string) {
  return sql`not exists (select 1 from users u where u.id = ${userId}::uuid and u.silenced_until > now())`;
}

/** The same rule when the caller has already read `users.silenced_until` (only if it is in the future). */
export function assertNotSilenced(silencedUntil: Date | null) {
  if (silencedUntil) throw Forbidden(`You have been silenced by a moderator and cannot post until ${formatUntil(silencedUntil)}.`);
}

function formatUntil(when: Date): string {
  return `${new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: UK_TIME_ZONE }).format(when)} (UK time)`;
}

// ── membership: vetting, roles, directory (issue 6) ─────────────────────────
/** Moderators and admins review sign-up requests. */
export function mayReviewSignups(actor: Actor): boolean {
  return isStaff(actor);
}

/** The work-email domain allow-list, the user list and role changes are for admins. */
export function mayManageEmailDomains(actor: Actor): boolean {
  return actor.role === 'admin';
}

export function mayManageUsers(actor: Actor): boolean {
  return actor.role === 'admin';
}

export const PROFILE_FIELDS = ['jobRole', 'bio', 'email', 'mobile'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export const PROFILE_AUDIENCES = ['members', 'organisation', 'staff'] as const;
export type ProfileAudience = (typeof PROFILE_AUDIENCES)[number];
/** What a member shows until they choose: job role and bio to members, email to colleagues, mobile to staff only. */
export const DEFAULT_PROFILE_VISIBILITY: Record<ProfileField, ProfileAudience> = { jobRole: 'members', bio: 'members', email: 'organisation', mobile: 'staff' };

export function profileVisibilityOf(stored: Record<string, unknown> | null | undefined): Record<ProfileField, ProfileAudience> {
  const out = { ...DEFAULT_PROFILE_VISIBILITY };
  for (const field of PROFILE_FIELDS) {
    const v = stored?.[field];
    if (typeof v === 'string' && (PROFILE_AUDIENCES as readonly string[]).includes(v)) out[field] = v as ProfileAudience;
  }
  return out;
}

/**
 * Whether `viewer` may see one profile field of `owner`. The owner and staff see every field; colleagues in
 * the owner's organisation see `organisation` and `members` fields; every other member only `members` fields.
 */
export function mayViewProfileField(
  viewer: Actor,
  owner: { id: string; organisationId: string; profileVisibility: Record<string, unknown> | null },
  field: ProfileField,
): boolean {
  if (viewer.id === owner.id || isStaff(viewer)) return true;
  const audience = profileVisibilityOf(owner.profileVisibility)[field];
  if (audience === 'members') return mayReadChannels(viewer);
  if (audience === 'organisation') return viewer.organisationId === owner.organisationId;
  return false;
}
