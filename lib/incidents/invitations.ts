import { and, asc, desc, eq, gt, ilike, inArray, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, schema, type Tx } from '@/db/client';
import type { Recipient } from '@/lib/alerts/outbox';
import { distinctNumbers, keyContactsOf, verifiedMobilesOf } from '@/lib/alerts/recipients';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden, Invalid, NotFound } from '@/lib/errors';
import { activeMembershipOf, mayManageRoom } from '@/lib/policy';
import { emitInvitationsChanged, emitRoomSmsChanged } from '@/lib/realtime/emit';
import { parseInput, uuidParam } from '@/lib/validation';
import { getRoomForMember } from './get-room';
import { announceRoomChange, recordRoomEvent, recordRoomEvents } from './room-events';
import { lockRoomForManager } from './lock-room';
import { textLateJoiners } from './alert-late-joiners';

export const DEFAULT_INVITATION_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export const inviteInput = z
  .object({
    users: z.array(z.string().trim().toLowerCase().email({ message: 'Not a valid email address' })).max(500).default([]),
    organisations: z
      .array(z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,10}$/, { message: 'Not a valid ODS code' }))
      .max(200)
      .default([]),
    expiresInDays: z.number().int().min(1, { message: 'At least 1 day' }).max(30, { message: 'At most 30 days' }).default(DEFAULT_INVITATION_DAYS),
  })
  .refine((v) => v.users.length + v.organisations.length > 0, { message: 'Invite at least one person or organisation', path: ['users'] });

export const nominateInput = z.object({
  email: z.string().trim().toLowerCase().email({ message: 'Enter the colleague’s email address' }),
  reason: z.string().trim().min(1, { message: 'Say why they need to know' }).max(500, { message: 'Reason must be 500 characters or fewer' }),
});

export const respondInput = z.object({ response: z.enum(['accept', 'decline'], { message: 'Accept or decline' }) });

const isIncidentContact = (actor: Actor): SQL =>
  sql`exists (select 1 from ${schema.users} u where u.id = ${actor.id} and u.status = 'active' and u.incident_contact)`;
const isActive = (actor: Actor): SQL => sql`exists (select 1 from ${schema.users} u where u.id = ${actor.id} and u.status = 'active')`;

/** Invitations addressed to the actor: to them by name, or to their organisation if they are its incident contact. */
function addressedTo(actor: Actor): SQL {
  if (!actor?.id) throw new Error('addressedTo needs an actor');
  return or(
    and(eq(schema.roomInvitations.userId, actor.id), isActive(actor)),
    and(eq(schema.roomInvitations.organisationId, actor.organisationId), isIncidentContact(actor)),
  )!;
}

const openInvitation = () => and(eq(schema.roomInvitations.status, 'pending'), gt(schema.roomInvitations.expiresAt, sql`now()`))!;

/**
 * Invites people and organisations to a room after it opens. RED rooms admit named people only. For a
 * high or critical room the invitees (people, and the incident contacts of organisations) are texted now,
 * before they accept: texts carry only public fields.
 */
export async function inviteToRoom(actor: Actor, roomId: string, raw: unknown) {
  const result = await getDb().transaction(async (tx) => {
    const { room } = await lockRoomForManager(tx, actor, roomId);
    const input = parseInput(inviteInput, raw);
    if (room.status === 'closed') throw Conflict('This room is closed: it takes no new invitations.');
    if (room.tlp === 'RED' && input.organisations.length) {
      throw Invalid('TLP:RED rooms admit named people only, not organisations', {
        organisations: ['TLP:RED rooms admit named people only'],
      });
    }
    const codes = [...new Set(input.organisations)];
    const emails = [...new Set(input.users)];
    const orgs = codes.length ? await tx.select().from(schema.organisations).where(inArray(schema.organisations.odsCode, codes)) : [];
    const missingCodes = codes.filter((c) => !orgs.some((o) => o.odsCode === c));
    if (missingCodes.length) {
      throw Invalid(`Unknown ODS code: ${missingCodes.join(', ')}`, { organisations: missingCodes.map((c) => `No organisation has the ODS code ${c}`) });
    }
    const people = emails.length
      ? await tx
          .select({ id: schema.users.id, email: schema.users.email, mobile: schema.users.mobile, mobileVerified: schema.users.mobileVerified, organisationId: schema.users.organisationId })
          .from(schema.users)
          .where(and(inArray(schema.users.email, emails), eq(schema.users.status, 'active')))
      : [];
    const missingEmails = emails.filter((e) => !people.some((u) => u.email === e));
    if (missingEmails.length) {
      throw Invalid(`No active member has the email ${missingEmails.join(', ')}`, { users: missingEmails.map((e) => `No active member has the email ${e}`) });
    }
    await assertNotAlreadyIn(tx, room.id, people.map((p) => p.id), orgs.map((o) => o.id));

    const expiresAt = new Date(Date.now() + input.expiresInDays * DAY_MS);
    const rows = [
      ...people.map((p) => ({ roomId: room.id, kind: 'person' as const, userId: p.id, invitedById: actor.id, expiresAt })),
      ...orgs.map((o) => ({ roomId: room.id, kind: 'organisation' as const, organisationId: o.id, invitedById: actor.id, expiresAt })),
    ];
    const invitations = await tx.insert(schema.roomInvitations).values(rows).returning({ id: schema.roomInvitations.id });
    await recordRoomEvents(tx, [
      ...people.map((p) => ({ roomId: room.id, kind: 'invited' as const, actorId: actor.id, subjectUserId: p.id })),
      ...orgs.map((o) => ({ roomId: room.id, kind: 'invited' as const, actorId: actor.id, subjectOrganisationId: o.id })),
    ]);
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'room.invite',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { users: people.map((p) => p.id), organisations: orgs.map((o) => o.id), expiresAt: expiresAt.toISOString() },
    });

    const contacts = orgs.length
      ? await tx
          .select({ id: schema.users.id, mobile: schema.users.mobile, mobileVerified: schema.users.mobileVerified, organisationId: schema.users.organisationId })
          .from(schema.users)
          .where(and(inArray(schema.users.organisationId, orgs.map((o) => o.id)), eq(schema.users.incidentContact, true), eq(schema.users.status, 'active')))
      : [];
    // People first, so a number that is both a person's and a key contact's is shown as the person.
    const recipients: Recipient[] = [
      ...[...people, ...contacts].flatMap((u) => (u.mobile && u.mobileVerified ? [{ userId: u.id, organisationId: u.organisationId, phone: u.mobile }] : [])),
      ...(await keyContactsOf(tx, orgs.map((o) => o.id))),
    ];
    const texts = await textLateJoiners(tx, room, recipients, actor.id);
    return { roomId: room.id, invitations: invitations.map((i) => i.id), texts, notify: [...people, ...contacts].map((u) => u.id) };
  });
  announceRoomChange(result.roomId);
  emitInvitationsChanged(result.notify);
  if (result.texts > 0) emitRoomSmsChanged(result.roomId);
  return { invitations: result.invitations, texts: result.texts };
}

/** Inviting someone twice is a conflict: already a member, or already holding an open invitation. */
async function assertNotAlreadyIn(tx: Tx, roomId: string, userIds: string[], orgIds: string[]) {
  if (userIds.length) {
    const members = await tx
      .select({ userId: schema.roomMembers.userId })
      .from(schema.roomMembers)
      .where(and(eq(schema.roomMembers.roomId, roomId), inArray(schema.roomMembers.userId, userIds), isNull(schema.roomMembers.removedAt)));
    if (members.length) throw Conflict('Someone you invited is already a member of this room.');
  }
  if (orgIds.length) {
    const joined = await tx
      .select({ id: schema.roomOrganisations.organisationId })
      .from(schema.roomOrganisations)
      .where(and(eq(schema.roomOrganisations.roomId, roomId), inArray(schema.roomOrganisations.organisationId, orgIds)));
    if (joined.length) throw Conflict('An organisation you invited is already in this room.');
  }
  const pending = await tx
    .select({ id: schema.roomInvitations.id })
    .from(schema.roomInvitations)
    .where(
      and(
        eq(schema.roomInvitations.roomId, roomId),
        openInvitation(),
        or(
          userIds.length ? inArray(schema.roomInvitations.userId, userIds) : sql`false`,
          orgIds.length ? inArray(schema.roomInvitations.organisationId, orgIds) : sql`false`,
        ),
      ),
    )
    .limit(1);
  if (pending.length) throw Conflict('Someone you invited already has an open invitation to this room.');
}

const inviters = alias(schema.users, 'inviter');

/** Public fields only: reference, severity, TLP, public headline, inviter. Never the title or summary. */
const publicInvitationFields = {
  id: schema.roomInvitations.id,
  roomId: schema.incidentRooms.id,
  kind: schema.roomInvitations.kind,
  reference: schema.incidentRooms.reference,
  severity: schema.incidentRooms.severity,
  tlp: schema.incidentRooms.tlp,
  publicHeadline: schema.incidentRooms.publicHeadline,
  inviterName: inviters.name,
  organisationName: schema.organisations.name,
  createdAt: schema.roomInvitations.createdAt,
  expiresAt: schema.roomInvitations.expiresAt,
};

function invitationsQuery() {
  return getDb()
    .select(publicInvitationFields)
    .from(schema.roomInvitations)
    .innerJoin(schema.incidentRooms, eq(schema.incidentRooms.id, schema.roomInvitations.roomId))
    .innerJoin(inviters, eq(inviters.id, schema.roomInvitations.invitedById))
    .leftJoin(schema.organisations, eq(schema.organisations.id, schema.roomInvitations.organisationId));
}

/** The actor's open invitations (to them, or to their organisation if they are its incident contact). */
export async function listMyInvitations(actor: Actor) {
  return invitationsQuery()
    .where(and(addressedTo(actor), openInvitation(), sql`${schema.incidentRooms.status} <> 'closed'`))
    .orderBy(desc(schema.roomInvitations.createdAt));
}

/** What an invitee who has not accepted may see of a room: its public fields. NotFound for anyone else. */
export async function getInvitationPreview(actor: Actor, roomId: string) {
  if (!uuidParam.safeParse(roomId).success) throw NotFound();
  const rows = await invitationsQuery()
    .where(and(eq(schema.roomInvitations.roomId, roomId), addressedTo(actor), openInvitation(), sql`${schema.incidentRooms.status} <> 'closed'`))
    .orderBy(asc(schema.roomInvitations.createdAt))
    .limit(1);
  if (!rows.length) throw NotFound();
  return rows[0];
}

/**
 * Accepts or declines an invitation addressed to the actor. An organisation's invitation is answered by
 * its incident contact, who joins the room for it. Expired, answered or revoked invitations are 409s.
 */
export async function respondToInvitation(actor: Actor, invitationId: string, raw: unknown) {
  const input = parseInput(respondInput, raw);
  if (!uuidParam.safeParse(invitationId).success) throw NotFound();
  const result = await getDb().transaction(async (tx) => {
    const [invitation] = await tx
      .select()
      .from(schema.roomInvitations)
      .where(and(eq(schema.roomInvitations.id, invitationId), addressedTo(actor)))
      .for('update')
      .limit(1);
    if (!invitation) throw NotFound();
    const [room] = await tx.select().from(schema.incidentRooms).where(eq(schema.incidentRooms.id, invitation.roomId)).for('update');
    if (invitation.status !== 'pending') throw Conflict(`This invitation was already ${invitation.status}.`);
    if (invitation.expiresAt <= new Date()) throw Conflict('This invitation has expired. Ask the room’s lead to invite you again.');
    if (room.status === 'closed') throw Conflict('This room is closed: it takes no new members.');
    const now = new Date();
    let texts = 0;
    await tx
      .update(schema.roomInvitations)
      .set({ status: input.response === 'accept' ? 'accepted' : 'declined', respondedAt: now, respondedById: actor.id })
      .where(eq(schema.roomInvitations.id, invitation.id));
    if (input.response === 'accept') {
      if (invitation.kind === 'organisation' && invitation.organisationId) {
        await tx
          .insert(schema.roomOrganisations)
          .values({ roomId: room.id, organisationId: invitation.organisationId, invitedById: invitation.invitedById })
          .onConflictDoNothing();
      }
      await admit(tx, room.id, actor.id, invitation.kind === 'organisation' ? 'organisation' : 'person', invitation.invitedById, null);
    }
    await recordRoomEvent(tx, {
      roomId: room.id,
      kind: input.response === 'accept' ? 'joined' : 'declined',
      actorId: actor.id,
      subjectUserId: actor.id,
      subjectOrganisationId: invitation.organisationId,
    });
    if (input.response === 'accept') {
      // Joining an alerting room: the new member, and an organisation's key contacts, get the alert now.
      const recipients = [
        ...(await verifiedMobilesOf(tx, [actor.id])),
        ...(invitation.kind === 'organisation' && invitation.organisationId ? await keyContactsOf(tx, [invitation.organisationId]) : []),
      ];
      texts = await textLateJoiners(tx, room, recipients, actor.id);
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.response === 'accept' ? 'room.invitation.accept' : 'room.invitation.decline',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { invitationId: invitation.id, kind: invitation.kind },
    });
    return { roomId: room.id, status: input.response === 'accept' ? ('accepted' as const) : ('declined' as const), texts };
  });
  announceRoomChange(result.roomId);
  emitInvitationsChanged([actor.id]);
  if (result.texts > 0) emitRoomSmsChanged(result.roomId);
  return { roomId: result.roomId, status: result.status };
}

/** Adds a current membership, or restores a removed one; an existing current membership is left as it is. */
async function admit(
  tx: Tx,
  roomId: string,
  userId: string,
  source: (typeof schema.membershipSource.enumValues)[number],
  grantedById: string,
  reason: string | null,
) {
  await tx
    .insert(schema.roomMembers)
    .values({ roomId, userId, role: 'member', source, grantedById, reason })
    .onConflictDoUpdate({
      target: [schema.roomMembers.roomId, schema.roomMembers.userId],
      set: { removedAt: null, role: 'member', source, grantedById, reason, createdAt: new Date() },
      setWhere: isNotNull(schema.roomMembers.removedAt),
    });
}

/** A lead withdraws an open invitation. */
export async function revokeInvitation(actor: Actor, roomId: string, invitationId: string) {
  const result = await getDb().transaction(async (tx) => {
    const { room } = await lockRoomForManager(tx, actor, roomId);
    if (!uuidParam.safeParse(invitationId).success) throw NotFound();
    const [invitation] = await tx
      .select()
      .from(schema.roomInvitations)
      .where(and(eq(schema.roomInvitations.id, invitationId), eq(schema.roomInvitations.roomId, room.id)))
      .for('update');
    if (!invitation) throw NotFound();
    if (invitation.status !== 'pending') throw Conflict(`This invitation was already ${invitation.status}.`);
    await tx
      .update(schema.roomInvitations)
      .set({ status: 'revoked', respondedAt: new Date(), respondedById: actor.id })
      .where(eq(schema.roomInvitations.id, invitation.id));
    await recordRoomEvent(tx, {
      roomId: room.id,
      kind: 'revoked',
      actorId: actor.id,
      subjectUserId: invitation.userId,
      subjectOrganisationId: invitation.organisationId,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'room.invitation.revoke',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { invitationId: invitation.id },
    });
    const notify = invitation.userId
      ? [invitation.userId]
      : (
          await tx
            .select({ id: schema.users.id })
            .from(schema.users)
            .where(and(eq(schema.users.organisationId, invitation.organisationId!), eq(schema.users.incidentContact, true)))
        ).map((u) => u.id);
    return { roomId: room.id, notify };
  });
  announceRoomChange(result.roomId);
  emitInvitationsChanged(result.notify);
  return { id: invitationId, status: 'revoked' as const };
}

const invitees = alias(schema.users, 'invitee');

/** The room's invitations and their state, for its leads. */
export async function listRoomInvitations(actor: Actor, roomId: string) {
  const { room, membership } = await getRoomForMember(actor, roomId);
  if (!mayManageRoom(actor, membership)) throw Forbidden('Only the room’s leads can see its invitations.');
  const rows = await getDb()
    .select({
      id: schema.roomInvitations.id,
      kind: schema.roomInvitations.kind,
      status: schema.roomInvitations.status,
      inviteeName: invitees.name,
      organisationName: schema.organisations.name,
      odsCode: schema.organisations.odsCode,
      inviterName: inviters.name,
      createdAt: schema.roomInvitations.createdAt,
      expiresAt: schema.roomInvitations.expiresAt,
      respondedAt: schema.roomInvitations.respondedAt,
    })
    .from(schema.roomInvitations)
    .innerJoin(inviters, eq(inviters.id, schema.roomInvitations.invitedById))
    .leftJoin(invitees, eq(invitees.id, schema.roomInvitations.userId))
    .leftJoin(schema.organisations, eq(schema.organisations.id, schema.roomInvitations.organisationId))
    .where(eq(schema.roomInvitations.roomId, room.id))
    .orderBy(desc(schema.roomInvitations.createdAt));
  const now = new Date();
  return rows.map((r) => ({ ...r, status: r.status === 'pending' && r.expiresAt <= now ? ('expired' as const) : r.status }));
}

/**
 * An incident contact of an organisation in the room nominates a colleague who needs to know, with a
 * reason: from their own organisation, or for TLP:AMBER also from the organisation theirs supports (a
 * CSU for its ICB). AMBER+STRICT: own organisation only. RED: no nominations, named people only.
 */
export async function nominateColleague(actor: Actor, roomId: string, raw: unknown) {
  if (!uuidParam.safeParse(roomId).success) throw NotFound();
  const result = await getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ room: schema.incidentRooms })
      .from(schema.incidentRooms)
      .innerJoin(schema.roomMembers, and(eq(schema.roomMembers.roomId, schema.incidentRooms.id), activeMembershipOf(actor)))
      .where(eq(schema.incidentRooms.id, roomId))
      .for('update', { of: schema.incidentRooms });
    if (!row) throw NotFound();
    const { room } = row;
    const input = parseInput(nominateInput, raw);
    if (room.status === 'closed') throw Conflict('This room is closed: it takes no new members.');
    if (room.tlp === 'RED') throw Conflict('TLP:RED rooms admit named people only: no nominations.');
    const [me] = await tx
      .select({ incidentContact: schema.users.incidentContact, supports: schema.organisations.supportsOrganisationId })
      .from(schema.users)
      .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
      .innerJoin(
        schema.roomOrganisations,
        and(eq(schema.roomOrganisations.organisationId, schema.users.organisationId), eq(schema.roomOrganisations.roomId, room.id)),
      )
      .where(eq(schema.users.id, actor.id));
    if (!me?.incidentContact) throw Forbidden('Only the incident contacts of an organisation in this room can nominate colleagues.');
    const [nominee] = await tx
      .select({ id: schema.users.id, organisationId: schema.users.organisationId })
      .from(schema.users)
      .where(and(eq(schema.users.email, input.email), eq(schema.users.status, 'active')));
    if (!nominee) throw Invalid('No active member has that email', { email: ['No active member has that email'] });
    const ownOrganisation = nominee.organisationId === actor.organisationId;
    const supported = room.tlp === 'AMBER' && me.supports !== null && nominee.organisationId === me.supports;
    if (!ownOrganisation && !supported) {
      const why = room.tlp === 'AMBER' ? 'your organisation or one it supports' : 'your own organisation (TLP:AMBER+STRICT)';
      throw Invalid(`You can nominate colleagues from ${why} only`, { email: [`Nominate colleagues from ${why} only`] });
    }
    const [existing] = await tx
      .select({ userId: schema.roomMembers.userId })
      .from(schema.roomMembers)
      .where(and(eq(schema.roomMembers.roomId, room.id), eq(schema.roomMembers.userId, nominee.id), isNull(schema.roomMembers.removedAt)));
    if (existing) throw Conflict('They are already a member of this room.');
    await admit(tx, room.id, nominee.id, 'nomination', actor.id, input.reason);
    await recordRoomEvent(tx, { roomId: room.id, kind: 'joined', actorId: actor.id, subjectUserId: nominee.id, detail: { via: 'nomination' } });
    const texts = await textLateJoiners(tx, room, await verifiedMobilesOf(tx, [nominee.id]), actor.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'room.nominate',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { userId: nominee.id },
    });
    return { roomId: room.id, userId: nominee.id, texts };
  });
  announceRoomChange(result.roomId);
  emitInvitationsChanged([result.userId]);
  if (result.texts > 0) emitRoomSmsChanged(result.roomId);
  return { roomId: result.roomId, userId: result.userId };
}

/** Organisations by ODS code or name, for the invitation form. The directory is not restricted. */
export async function searchOrganisations(actor: Actor, raw: unknown) {
  if (!actor?.id) throw new Error('searchOrganisations needs an actor');
  const { q } = parseInput(z.object({ q: z.string().trim().min(2, { message: 'Enter at least 2 characters' }).max(100) }), raw);
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return getDb()
    .select({ odsCode: schema.organisations.odsCode, name: schema.organisations.name, type: schema.organisations.type, region: schema.organisations.region })
    .from(schema.organisations)
    .where(or(eq(schema.organisations.odsCode, q.toUpperCase()), ilike(schema.organisations.name, pattern), ilike(schema.organisations.odsCode, `${q.toUpperCase()}%`)))
    .orderBy(asc(schema.organisations.name))
    .limit(20);
}


/** Whether the actor may nominate colleagues into this room (for showing the form; the use case re-checks). */
export async function mayNominateIn(actor: Actor, room: { id: string; tlp: string; status: string }) {
  if (room.tlp === 'RED' || room.status === 'closed') return false;
  const [row] = await getDb()
    .select({ contact: schema.users.incidentContact })
    .from(schema.users)
    .innerJoin(
      schema.roomOrganisations,
      and(eq(schema.roomOrganisations.organisationId, schema.users.organisationId), eq(schema.roomOrganisations.roomId, room.id)),
    )
    .where(and(eq(schema.users.id, actor.id), eq(schema.users.status, 'active')));
  return Boolean(row?.contact);
}

/**
 * People with an open invitation to the room who would be texted before they accept: invited people and
 * the incident contacts of invited organisations, with verified mobiles. Each number once.
 */
export async function pendingInviteeRecipients(tx: Tx, roomId: string): Promise<Recipient[]> {
  const rows = await tx
    .select({ userId: schema.users.id, organisationId: schema.users.organisationId, phone: schema.users.mobile })
    .from(schema.roomInvitations)
    .innerJoin(
      schema.users,
      or(
        eq(schema.users.id, schema.roomInvitations.userId),
        and(eq(schema.users.organisationId, schema.roomInvitations.organisationId), eq(schema.users.incidentContact, true)),
      ),
    )
    .where(and(eq(schema.roomInvitations.roomId, roomId), openInvitation(), eq(schema.users.status, 'active'), eq(schema.users.mobileVerified, true)));
  const invitedOrganisations = await tx
    .select({ id: schema.roomInvitations.organisationId })
    .from(schema.roomInvitations)
    .where(and(eq(schema.roomInvitations.roomId, roomId), openInvitation(), isNotNull(schema.roomInvitations.organisationId)));
  const contacts = await keyContactsOf(tx, invitedOrganisations.flatMap((o) => (o.id ? [o.id] : [])));
  return distinctNumbers([...rows, ...contacts]);
}
