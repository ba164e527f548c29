import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createRoom } from '@/lib/incidents/create-room';
import { getRoom } from '@/lib/incidents/get-room';
import {
  getInvitationPreview,
  inviteToRoom,
  listMyInvitations,
  listRoomInvitations,
  nominateColleague,
  respondToInvitation,
  revokeInvitation,
  searchOrganisations,
} from '@/lib/incidents/invitations';
import { listRoomEvents } from '@/lib/incidents/room-events';
import { changeRoomStatus } from '@/lib/incidents/room-lifecycle';
import { listRoomAccess, removeMember } from '@/lib/incidents/room-membership';
import { actorFor, db, errorOf, makeOrg, makeUser, randomId, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

type Org = Awaited<ReturnType<typeof makeOrg>>;
let trust: Org;
let icb: Org;
let csu: Org;
let elsewhere: Org;
let lead: TestUser;
let person: TestUser;
let trustContact: TestUser;
let trustColleague: TestUser;
let csuContact: TestUser;
let icbColleague: TestUser;
let outsider: TestUser;
const as = (u: TestUser): Actor => ({ ...actorFor(u), ip: '192.0.2.10' });
const TITLE = 'Supplier breach exposing pathology results';
const SUMMARY = 'Attacker exfiltrated LIMS exports via the supplier SFTP.';

beforeAll(async () => {
  trust = await makeOrg({ name: 'Riverside Hospitals Trust' });
  icb = await makeOrg({ type: 'icb', name: 'Riverside ICB' });
  csu = await makeOrg({ type: 'csu', name: 'Riverside CSU' });
  elsewhere = await makeOrg();
  await db().update(schema.organisations).set({ supportsOrganisationId: icb.id }).where(eq(schema.organisations.id, csu.id));
  lead = await makeUser({ role: 'incident_lead', name: 'Lara Lead' });
  person = await makeUser({ organisation: elsewhere, name: 'Pat Person' });
  trustContact = await makeUser({ organisation: trust, name: 'Tess Contact' });
  trustColleague = await makeUser({ organisation: trust, name: 'Tom Colleague' });
  csuContact = await makeUser({ organisation: csu, name: 'Cara CSU' });
  icbColleague = await makeUser({ organisation: icb, name: 'Ian ICB' });
  outsider = await makeUser({ organisation: elsewhere });
  await db().update(schema.users).set({ incidentContact: true }).where(eq(schema.users.id, trustContact.id));
  await db().update(schema.users).set({ incidentContact: true }).where(eq(schema.users.id, csuContact.id));
});

async function openRoom(overrides: Record<string, unknown> = {}) {
  return createRoom(as(lead), {
    title: TITLE,
    severity: 'moderate',
    tlp: 'AMBER',
    summary: SUMMARY,
    publicHeadline: 'Pathology supplier incident',
    ...overrides,
  });
}

describe('inviting a person after the room opens', () => {
  it('shows the invitee public fields only until they accept; then they read the room', async () => {
    const { id, reference } = await openRoom();
    const { invitations } = await inviteToRoom(as(lead), id, { users: [person.email] });
    expect(invitations).toHaveLength(1);

    const missing = await errorOf(() => getRoom(as(person), randomId()));
    expect(await errorOf(() => getRoom(as(person), id))).toEqual(missing);
    const preview = await getInvitationPreview(as(person), id);
    expect(preview).toMatchObject({ reference, severity: 'moderate', tlp: 'AMBER', publicHeadline: 'Pathology supplier incident', inviterName: 'Lara Lead' });
    const mine = await listMyInvitations(as(person));
    expect(mine.map((i) => i.roomId)).toEqual([id]);
    expect(JSON.stringify([preview, mine])).not.toMatch(/Supplier breach|LIMS|SFTP/);
    // Nobody else gets a preview.
    expect(await errorOf(() => getInvitationPreview(as(outsider), id))).toEqual(missing);

    await respondToInvitation(as(person), invitations[0], { response: 'accept' });
    expect((await getRoom(as(person), id)).title).toBe(TITLE);
    const access = await listRoomAccess(as(lead), id);
    expect(access.find((a) => a.userId === person.id)).toMatchObject({ source: 'person', grantedByName: 'Lara Lead' });
    expect(await errorOf(() => respondToInvitation(as(person), invitations[0], { response: 'accept' }))).toMatchObject({ code: 'conflict' });
    const kinds = (await listRoomEvents(as(lead), id)).map((e) => e.kind);
    expect(kinds.slice(-2)).toEqual(['invited', 'joined']);
  });

  it('refuses inviting twice, unknown people, and closed rooms; writes nothing', async () => {
    const { id } = await openRoom();
    await inviteToRoom(as(lead), id, { users: [person.email] });
    const before = await rowCounts();
    expect(await errorOf(() => inviteToRoom(as(lead), id, { users: [person.email] }))).toMatchObject({ code: 'conflict', status: 409 });
    expect(await errorOf(() => inviteToRoom(as(lead), id, { users: [lead.email] }))).toMatchObject({ code: 'conflict' });
    expect(await errorOf(() => inviteToRoom(as(lead), id, { users: ['nobody@test.nhs.uk'] }))).toMatchObject({ code: 'invalid', fields: { users: expect.any(Array) } });
    expect(await errorOf(() => inviteToRoom(as(lead), id, { organisations: ['ZZZ999'] }))).toMatchObject({ code: 'invalid', fields: { organisations: expect.any(Array) } });
    expect(await errorOf(() => inviteToRoom(as(lead), id, {}))).toMatchObject({ code: 'invalid' });
    expect(await errorOf(() => inviteToRoom(as(person), id, { users: [outsider.email] }))).toMatchObject({ code: 'not_found' });
    expect(await rowCounts()).toEqual(before);
    await changeRoomStatus(as(lead), id, { status: 'closed' });
    const closed = await rowCounts();
    expect(await errorOf(() => inviteToRoom(as(lead), id, { users: [outsider.email] }))).toMatchObject({ code: 'conflict', status: 409 });
    expect(await rowCounts()).toEqual(closed);
  });

  it('declines, revokes and expiry', async () => {
    const { id } = await openRoom();
    const a = (await inviteToRoom(as(lead), id, { users: [person.email] })).invitations[0];
    await respondToInvitation(as(person), a, { response: 'decline' });
    expect(await errorOf(() => getInvitationPreview(as(person), id))).toMatchObject({ code: 'not_found' });

    const b = (await inviteToRoom(as(lead), id, { users: [person.email] })).invitations[0];
    expect(await revokeInvitation(as(lead), id, b)).toMatchObject({ status: 'revoked' });
    expect(await errorOf(() => respondToInvitation(as(person), b, { response: 'accept' }))).toMatchObject({ code: 'conflict' });
    expect(await errorOf(() => revokeInvitation(as(lead), id, b))).toMatchObject({ code: 'conflict' });

    const c = (await inviteToRoom(as(lead), id, { users: [person.email], expiresInDays: 1 })).invitations[0];
    await db().update(schema.roomInvitations).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.roomInvitations.id, c));
    expect(await errorOf(() => respondToInvitation(as(person), c, { response: 'accept' }))).toMatchObject({ code: 'conflict', status: 409 });
    expect(await errorOf(() => getRoom(as(person), id))).toMatchObject({ code: 'not_found' });
    expect((await listRoomInvitations(as(lead), id)).map((i) => i.status)).toEqual(['expired', 'revoked', 'declined']);
    expect((await listMyInvitations(as(person))).map((i) => i.roomId)).not.toContain(id);
    // Someone else cannot answer another's invitation: it is not found for them.
    const d = (await inviteToRoom(as(lead), id, { users: [person.email] })).invitations[0];
    expect(await errorOf(() => respondToInvitation(as(outsider), d, { response: 'accept' }))).toMatchObject({ code: 'not_found' });
    const kinds = (await listRoomEvents(as(lead), id)).map((e) => e.kind);
    expect(kinds).toContain('declined');
    expect(kinds).toContain('revoked');
    const [invite] = await db()
      .select()
      .from(schema.roomInvitations)
      .where(and(eq(schema.roomInvitations.id, d)));
    expect(invite.expiresAt.getTime() - invite.createdAt.getTime()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
  });

  it('a removed member can be invited back and rejoins on accepting', async () => {
    const { id } = await openRoom({ invite: { organisations: [], users: [person.email] } });
    await removeMember(as(lead), id, person.id);
    const [inv] = (await inviteToRoom(as(lead), id, { users: [person.email] })).invitations;
    await respondToInvitation(as(person), inv, { response: 'accept' });
    expect((await getRoom(as(person), id)).myRole).toBe('member');
  });
});

describe('organisation invitations and nominations', () => {
  it('the incident contact accepts for the organisation, then nominates own-organisation colleagues with a reason', async () => {
    const { id } = await openRoom();
    const [inv] = (await inviteToRoom(as(lead), id, { organisations: [trust.odsCode] })).invitations;
    // Ordinary colleagues cannot see or answer it.
    expect(await listMyInvitations(as(trustColleague))).toEqual([]);
    expect(await errorOf(() => respondToInvitation(as(trustColleague), inv, { response: 'accept' }))).toMatchObject({ code: 'not_found' });
    expect((await listMyInvitations(as(trustContact))).map((i) => i.organisationName)).toEqual(['Riverside Hospitals Trust']);

    await respondToInvitation(as(trustContact), inv, { response: 'accept' });
    expect((await getRoom(as(trustContact), id)).organisations.map((o) => o.odsCode)).toEqual([trust.odsCode]);
    expect(await errorOf(() => getRoom(as(trustColleague), id))).toMatchObject({ code: 'not_found' });

    await nominateColleague(as(trustContact), id, { email: trustColleague.email, reason: 'Runs our pathology interfaces' });
    expect((await getRoom(as(trustColleague), id)).id).toBe(id);
    const access = await listRoomAccess(as(lead), id);
    expect(access.find((a) => a.userId === trustColleague.id)).toMatchObject({ source: 'nomination', grantedByName: 'Tess Contact' });
    expect(await errorOf(() => nominateColleague(as(trustContact), id, { email: trustColleague.email, reason: 'again' }))).toMatchObject({ code: 'conflict' });
    expect(await errorOf(() => nominateColleague(as(trustContact), id, { email: outsider.email, reason: 'curious' }))).toMatchObject({ code: 'invalid' });
    expect(await errorOf(() => nominateColleague(as(trustContact), id, { email: trustColleague.email, reason: '' }))).toMatchObject({ code: 'invalid', fields: { reason: expect.any(Array) } });
    // A nominated colleague is not an incident contact and cannot nominate in turn.
    expect(await errorOf(() => nominateColleague(as(trustColleague), id, { email: trustContact.email, reason: 'x' }))).toMatchObject({ code: 'forbidden' });
  });

  it('AMBER: a CSU contact may nominate colleagues of the ICB it supports; AMBER+STRICT: own organisation only', async () => {
    for (const tlp of ['AMBER', 'AMBER+STRICT'] as const) {
      const { id } = await openRoom({ tlp });
      const [inv] = (await inviteToRoom(as(lead), id, { organisations: [csu.odsCode] })).invitations;
      await respondToInvitation(as(csuContact), inv, { response: 'accept' });
      const attempt = () => nominateColleague(as(csuContact), id, { email: icbColleague.email, reason: 'ICB security lead' });
      if (tlp === 'AMBER') {
        await attempt();
        expect((await getRoom(as(icbColleague), id)).id).toBe(id);
      } else {
        const before = await rowCounts();
        expect(await errorOf(attempt)).toMatchObject({ code: 'invalid', fields: { email: expect.any(Array) } });
        expect(await rowCounts()).toEqual(before);
      }
    }
  });

  it('RED rooms: no organisation invitations and no nominations', async () => {
    const { id } = await openRoom({ tlp: 'RED', invite: { organisations: [], users: [trustContact.email] } });
    const before = await rowCounts();
    expect(await errorOf(() => inviteToRoom(as(lead), id, { organisations: [trust.odsCode] }))).toMatchObject({ code: 'invalid', fields: { organisations: expect.any(Array) } });
    expect(await errorOf(() => nominateColleague(as(trustContact), id, { email: trustColleague.email, reason: 'needs it' }))).toMatchObject({ code: 'conflict' });
    expect(await rowCounts()).toEqual(before);
  });

  it('a high room texts invited people and the contacts of invited organisations before they accept, public fields only', async () => {
    const { id } = await openRoom({ severity: 'high' });
    const { texts } = await inviteToRoom(as(lead), id, { users: [person.email], organisations: [trust.odsCode] });
    expect(texts).toBe(4);
    const rows = await db().select().from(schema.smsMessages).where(eq(schema.smsMessages.roomId, id));
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([person.id, trustContact.id]));
    for (const r of rows) expect(r.body).not.toMatch(/Supplier breach|LIMS|SFTP/);
  });

  it('raising severity to high also texts people still holding an open invitation', async () => {
    const { id } = await openRoom({ severity: 'moderate' });
    await inviteToRoom(as(lead), id, { users: [person.email], organisations: [trust.odsCode] });
    expect(await db().select().from(schema.smsMessages).where(eq(schema.smsMessages.roomId, id))).toHaveLength(0);
    const { changeRoomSeverity } = await import('@/lib/incidents/room-lifecycle');
    expect(await changeRoomSeverity(as(lead), id, { severity: 'critical' })).toMatchObject({ texts: 4 });
    const rows = await db().select().from(schema.smsMessages).where(eq(schema.smsMessages.roomId, id));
    expect(new Set(rows.map((r) => r.userId))).toEqual(new Set([person.id, trustContact.id]));
  });

  it('finds organisations by ODS code or name', async () => {
    expect((await searchOrganisations(as(lead), { q: trust.odsCode })).map((o) => o.odsCode)).toContain(trust.odsCode);
    expect((await searchOrganisations(as(lead), { q: 'riverside' })).map((o) => o.name).sort()).toEqual(['Riverside CSU', 'Riverside Hospitals Trust', 'Riverside ICB']);
    expect(await errorOf(() => searchOrganisations(as(lead), { q: 'r' }))).toMatchObject({ code: 'invalid' });
  });
});
