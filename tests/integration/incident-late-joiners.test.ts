import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createRoom } from '@/lib/incidents/create-room';
import { inviteToRoom, nominateColleague, respondToInvitation } from '@/lib/incidents/invitations';
import { listRoomEvents } from '@/lib/incidents/room-events';
import { actorFor, db, errorOf, makeOrg, makeUser, nextMobile, rawSql, rowCounts, schema, smsJobs, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

type Org = Awaited<ReturnType<typeof makeOrg>>;
let lead: TestUser;
let opener: TestUser;
const as = (u: TestUser): Actor => ({ ...actorFor(u), ip: '192.0.2.44' });

beforeAll(async () => {
  lead = await makeUser({ role: 'incident_lead', name: 'Lena Lead' });
  opener = await makeUser({ name: 'Otto Opener' });
});

async function openRoom(severity: 'moderate' | 'critical' = 'critical') {
  return createRoom(as(lead), {
    title: 'Wiper malware on the radiology PACS',
    severity,
    tlp: 'AMBER',
    summary: 'Disk wiper found on two PACS servers after a VPN compromise.',
    publicHeadline: 'Imaging systems disruption',
    invite: { users: [opener.email] },
  });
}

/** An organisation with an incident contact, a colleague, a primary key contact who has an account, and an alert-only contact. */
async function makeAffectedOrg() {
  const org: Org = await makeOrg();
  const contact = await makeUser({ organisation: org, name: 'Cleo Contact' });
  await db().update(schema.users).set({ incidentContact: true }).where(eq(schema.users.id, contact.id));
  const colleague = await makeUser({ organisation: org, name: 'Nico Nominee' });
  const keyPerson = await makeUser({ organisation: org, name: 'Kit Key' });
  await addKeyContact(org, 'primary', keyPerson.mobile!, keyPerson.id);
  const alertOnlyPhone = nextMobile();
  await addKeyContact(org, 'alert_only', alertOnlyPhone);
  return { org, contact, colleague, keyPerson, alertOnlyPhone };
}

async function addKeyContact(org: Org, role: 'primary' | 'deputy' | 'alert_only', phone: string, userId: string | null = null) {
  await db().insert(schema.organisationContacts).values({ organisationId: org.id, role, phone, userId, name: `Contact ${phone.slice(-3)}`, createdById: lead.id });
}

async function textsTo(roomId: string, phone: string) {
  const rows = await db()
    .select({ kind: schema.smsMessages.kind })
    .from(schema.smsMessages)
    .where(and(eq(schema.smsMessages.roomId, roomId), eq(schema.smsMessages.phone, phone)));
  return rows.map((r) => r.kind).sort();
}

describe('people who join an alerting room later are texted once', () => {
  it('an accepted person invitation texts the new member (alert and signpost) in the accepting transaction', async () => {
    const { id } = await openRoom();
    const late = await makeUser({ mobileVerified: false, name: 'Lou Late' });
    const { invitations } = await inviteToRoom(as(lead), id, { users: [late.email] });
    // Not texted at invitation time: no verified mobile then.
    expect(await textsTo(id, late.mobile!)).toEqual([]);
    await db().update(schema.users).set({ mobileVerified: true }).where(eq(schema.users.id, late.id));

    await respondToInvitation(as(late), invitations[0], { response: 'accept' });
    expect(await textsTo(id, late.mobile!)).toEqual(['alert', 'signpost']);
    const [member] = await rawSql()`select xmin::text as xmin from room_members where room_id = ${id} and user_id = ${late.id}`;
    const smsXmins = await rawSql()`select distinct xmin::text as xmin from sms_messages where room_id = ${id} and phone = ${late.mobile!}`;
    expect(smsXmins.map((r) => r.xmin)).toEqual([member.xmin]);
    // The alert has its job in the same transaction; the signpost follows the alert.
    const [alert] = await db()
      .select({ id: schema.smsMessages.id })
      .from(schema.smsMessages)
      .where(and(eq(schema.smsMessages.roomId, id), eq(schema.smsMessages.phone, late.mobile!), eq(schema.smsMessages.kind, 'alert')));
    expect((await smsJobs()).filter((j) => j.smsId === alert.id).map((j) => j.xmin)).toEqual([member.xmin]);
    const events = await listRoomEvents(as(lead), id);
    expect(events.at(-1)).toMatchObject({ kind: 'texts_sent', detail: { count: 2 } });
  });

  it('a person texted when invited is not texted again on accepting', async () => {
    const { id } = await openRoom();
    const invitee = await makeUser();
    const { invitations, texts } = await inviteToRoom(as(lead), id, { users: [invitee.email] });
    expect(texts).toBe(2);
    const before = await rowCounts();
    await respondToInvitation(as(invitee), invitations[0], { response: 'accept' });
    const after = await rowCounts();
    expect(after.sms_messages).toBe(before.sms_messages);
    expect(after['pgboss.job']).toBe(before['pgboss.job']);
    expect(await textsTo(id, invitee.mobile!)).toEqual(['alert', 'signpost']);
  });

  it('an organisation invitation texts its incident contact and key contacts; accepting texts key contacts added since, once each', async () => {
    const { id } = await openRoom();
    const { org, contact, keyPerson, alertOnlyPhone, colleague } = await makeAffectedOrg();
    const { invitations } = await inviteToRoom(as(lead), id, { organisations: [org.odsCode] });
    expect(await textsTo(id, contact.mobile!)).toEqual(['alert', 'signpost']);
    expect(await textsTo(id, keyPerson.mobile!)).toEqual(['alert', 'signpost']);
    expect(await textsTo(id, alertOnlyPhone)).toEqual(['alert', 'signpost']);
    expect(await textsTo(id, colleague.mobile!)).toEqual([]);

    const newKeyPhone = nextMobile();
    await addKeyContact(org, 'alert_only', newKeyPhone);
    await addKeyContact(org, 'deputy', nextMobile());
    await respondToInvitation(as(contact), invitations[0], { response: 'accept' });
    expect(await textsTo(id, newKeyPhone)).toEqual(['alert', 'signpost']);
    for (const phone of [contact.mobile!, keyPerson.mobile!, alertOnlyPhone]) expect(await textsTo(id, phone)).toEqual(['alert', 'signpost']);
    // Deputies wait for escalation, which the acceptance schedules for the organisation.
    const [ledger] = await rawSql()`select count(*)::int as n from sms_messages where room_id = ${id} and organisation_id = ${org.id}`;
    expect(ledger.n).toBe(8);
    const escalations = await db().select().from(schema.roomEscalations).where(eq(schema.roomEscalations.roomId, id));
    expect(escalations.map((e) => e.organisationId)).toEqual([org.id]);
  });

  it('a nominee is texted exactly once, even when they are also a key contact already texted', async () => {
    const { id } = await openRoom();
    const { org, contact, colleague, keyPerson } = await makeAffectedOrg();
    const { invitations } = await inviteToRoom(as(lead), id, { organisations: [org.odsCode] });
    await respondToInvitation(as(contact), invitations[0], { response: 'accept' });

    await nominateColleague(as(contact), id, { email: colleague.email, reason: 'Runs the PACS service' });
    expect(await textsTo(id, colleague.mobile!)).toEqual(['alert', 'signpost']);

    const before = await rowCounts();
    await nominateColleague(as(contact), id, { email: keyPerson.email, reason: 'Our primary incident contact' });
    const after = await rowCounts();
    expect(await textsTo(id, keyPerson.mobile!)).toEqual(['alert', 'signpost']);
    expect(after.sms_messages).toBe(before.sms_messages);
    expect(after['pgboss.job']).toBe(before['pgboss.job']);
    expect(after.room_members).toBe(before.room_members + 1);
  });

  it('joining a room that is not alerting texts nobody', async () => {
    const { id } = await openRoom('moderate');
    const { org, contact, colleague } = await makeAffectedOrg();
    const { invitations, texts } = await inviteToRoom(as(lead), id, { organisations: [org.odsCode] });
    expect(texts).toBe(0);
    await respondToInvitation(as(contact), invitations[0], { response: 'accept' });
    await nominateColleague(as(contact), id, { email: colleague.email, reason: 'Needs to know' });
    const [{ n }] = await rawSql()`select count(*)::int as n from sms_messages where room_id = ${id}`;
    expect(n).toBe(0);
  });

  it('bad input is refused with a clear error and writes nothing, texts included', async () => {
    const { id } = await openRoom();
    const { org, contact } = await makeAffectedOrg();
    const { invitations } = await inviteToRoom(as(lead), id, { organisations: [org.odsCode] });
    const before = await rowCounts();
    expect(await errorOf(() => respondToInvitation(as(contact), invitations[0], { response: 'maybe' }))).toMatchObject({ status: 400, fields: { response: expect.any(Array) } });
    expect(await errorOf(() => nominateColleague(as(contact), id, { email: 'nobody@example.invalid', reason: 'x' }))).toMatchObject({ status: 404 });
    expect(await rowCounts()).toEqual(before);
    await respondToInvitation(as(contact), invitations[0], { response: 'accept' });
    const accepted = await rowCounts();
    expect(await errorOf(() => respondToInvitation(as(contact), invitations[0], { response: 'accept' }))).toMatchObject({ status: 409 });
    expect(await errorOf(() => nominateColleague(as(contact), id, { email: 'nobody@example.invalid', reason: 'Needs to know' }))).toMatchObject({ status: 400, fields: { email: expect.any(Array) } });
    expect(await errorOf(() => nominateColleague(as(contact), id, { email: contact.email, reason: 'Needs to know' }))).toMatchObject({ status: 409 });
    expect(await rowCounts()).toEqual(accepted);
  });
});
