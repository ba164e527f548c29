import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { changeRoomSettings } from '@/lib/incidents/change-room-settings';
import { changeRoomTlp } from '@/lib/incidents/change-room-tlp';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { getRoom } from '@/lib/incidents/get-room';
import { inviteToRoom, revokeInvitation } from '@/lib/incidents/invitations';
import { listRooms } from '@/lib/incidents/list-rooms';
import { viewRoom, VIEW_AUDIT_WINDOW_MINUTES } from '@/lib/incidents/room-audit';
import { listRoomEvents } from '@/lib/incidents/room-events';
import { archiveRoom, changeRoomSeverity, changeRoomStatus } from '@/lib/incidents/room-lifecycle';
import { actorFor, db, errorOf, makeOrg, makeUser, randomId, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

let lead: TestUser;
let member: TestUser;
let moderatorIn: TestUser;
let moderatorOut: TestUser;
let outsider: TestUser;
let org: Awaited<ReturnType<typeof makeOrg>>;
const as = (u: TestUser, ip = '198.51.100.9'): Actor => ({ ...actorFor(u), ip });

beforeAll(async () => {
  org = await makeOrg();
  lead = await makeUser({ role: 'incident_lead', name: 'Lia Lead' });
  member = await makeUser({ name: 'Max Member' });
  moderatorIn = await makeUser({ role: 'moderator', name: 'Mo Moderator' });
  moderatorOut = await makeUser({ role: 'moderator' });
  outsider = await makeUser();
});

async function openRoom(overrides: Record<string, unknown> = {}) {
  return createRoom(as(lead), {
    title: 'Phishing wave against finance teams',
    severity: 'moderate',
    tlp: 'AMBER',
    summary: 'Invoice-fraud lures from a compromised supplier mailbox.',
    publicHeadline: 'Phishing affecting finance teams',
    invite: { users: [member.email, moderatorIn.email] },
    ...overrides,
  });
}

describe('changing the TLP ceiling', () => {
  it('raises the ceiling (lead), audited and on the timeline; a moderator in the room may too, in the staff log', async () => {
    const { id } = await openRoom();
    expect(await changeRoomTlp(as(lead), id, { tlp: 'AMBER+STRICT' })).toEqual({ id, tlp: 'AMBER+STRICT' });
    expect((await getRoom(as(member), id)).tlp).toBe('AMBER+STRICT');
    await changeRoomTlp(as(moderatorIn), id, { tlp: 'RED' });
    expect((await getRoom(as(member), id)).tlp).toBe('RED');
    const events = (await listRoomEvents(as(member), id)).filter((e) => e.kind === 'tlp_changed');
    expect(events.map((e) => [e.actorName, e.detail])).toEqual([
      ['Lia Lead', { from: 'AMBER', to: 'AMBER+STRICT' }],
      ['Mo Moderator', { from: 'AMBER+STRICT', to: 'RED' }],
    ]);
    const audits = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.action, 'room.tlp'), eq(schema.auditEvents.subjectId, id)));
    expect(audits).toHaveLength(2);
    const staff = await db().select().from(schema.staffActions).where(eq(schema.staffActions.action, 'room.tlp'));
    expect(staff.map((s) => [s.actorId, s.targetId])).toEqual([[moderatorIn.id, id]]);
  });

  it('refuses lowering below any post’s label with a clear 409, and allows it once no post is above', async () => {
    const { id } = await openRoom({ tlp: 'RED' });
    await createRoomPost(as(member), id, { body: 'Strict detail', tlp: 'AMBER+STRICT' });
    const before = await rowCounts();
    const refused = await errorOf(() => changeRoomTlp(as(lead), id, { tlp: 'AMBER' }));
    expect(refused).toMatchObject({ code: 'conflict', status: 409 });
    expect(refused.message).toContain('1 post is labelled above TLP:AMBER');
    expect(refused.message).not.toContain('Strict detail');
    expect(await rowCounts()).toEqual(before);
    await changeRoomTlp(as(lead), id, { tlp: 'AMBER+STRICT' });
    expect((await getRoom(as(member), id)).tlp).toBe('AMBER+STRICT');
  });

  it('refuses RED while the room has organisations or open organisation invitations (RED admits named people only)', async () => {
    const withOrg = await openRoom({ invite: { users: [member.email], organisations: [org.odsCode] } });
    const before = await rowCounts();
    expect(await errorOf(() => changeRoomTlp(as(lead), withOrg.id, { tlp: 'RED' }))).toMatchObject({ code: 'conflict', status: 409 });
    expect(await rowCounts()).toEqual(before);

    const invited = await openRoom();
    const other = await makeOrg();
    const { invitations } = await inviteToRoom(as(lead), invited.id, { organisations: [other.odsCode] });
    expect(await errorOf(() => changeRoomTlp(as(lead), invited.id, { tlp: 'RED' }))).toMatchObject({ code: 'conflict', status: 409 });
    await revokeInvitation(as(lead), invited.id, invitations[0]);
    await changeRoomTlp(as(lead), invited.id, { tlp: 'RED' });
    expect((await getRoom(as(member), invited.id)).tlp).toBe('RED');
  });

  it('gives bad input a 400, the same level a 409, members 403, outsiders the missing-room 404; closed rooms 409; nothing written', async () => {
    const { id } = await openRoom();
    const before = await rowCounts();
    expect(await errorOf(() => changeRoomTlp(as(lead), id, { tlp: 'GREEN' }))).toMatchObject({ status: 400, fields: { tlp: expect.any(Array) } });
    expect(await errorOf(() => changeRoomTlp(as(lead), id, {}))).toMatchObject({ status: 400 });
    expect(await errorOf(() => changeRoomTlp(as(lead), id, { tlp: 'AMBER' }))).toMatchObject({ status: 409 });
    expect(await errorOf(() => changeRoomTlp(as(member), id, { tlp: 'RED' }))).toMatchObject({ status: 403 });
    const missing = await errorOf(() => changeRoomTlp(as(outsider), randomId(), { tlp: 'RED' }));
    expect(missing).toMatchObject({ status: 404 });
    expect(await errorOf(() => changeRoomTlp(as(outsider), id, { tlp: 'RED' }))).toEqual(missing);
    expect(await errorOf(() => changeRoomTlp(as(moderatorOut), id, { tlp: 'RED' }))).toEqual(missing);
    expect(await errorOf(() => changeRoomTlp(as(lead), 'not-a-uuid', { tlp: 'RED' }))).toEqual(missing);
    expect(await rowCounts()).toEqual(before);
    await changeRoomStatus(as(lead), id, { status: 'closed' });
    const closed = await rowCounts();
    expect(await errorOf(() => changeRoomTlp(as(lead), id, { tlp: 'RED' }))).toMatchObject({ status: 409 });
    expect(await rowCounts()).toEqual(closed);
  });
});

describe('room settings', () => {
  it('the lead sets the update interval and escalation time; the timeline says settings_changed', async () => {
    const { id } = await openRoom();
    expect(await getRoom(as(member), id)).toMatchObject({ updateIntervalMinutes: 240, escalationMinutes: 30 });
    expect(await changeRoomSettings(as(lead), id, { updateIntervalMinutes: 60, escalationMinutes: 45 })).toEqual({ id, updateIntervalMinutes: 60, escalationMinutes: 45 });
    await changeRoomSettings(as(lead), id, { updateIntervalMinutes: 90 });
    expect(await getRoom(as(member), id)).toMatchObject({ updateIntervalMinutes: 90, escalationMinutes: 45 });
    const events = (await listRoomEvents(as(member), id)).filter((e) => e.kind === 'settings_changed');
    expect(events.map((e) => e.detail)).toEqual([
      { updateIntervalFrom: 240, updateIntervalTo: 60, escalationFrom: 30, escalationTo: 45 },
      { updateIntervalFrom: 60, updateIntervalTo: 90, escalationFrom: 45, escalationTo: 45 },
    ]);
  });

  it('schedules escalations of organisations alerted after the change with the room’s own escalation time', async () => {
    const { id } = await openRoom({ invite: { users: [member.email], organisations: [org.odsCode] } });
    await changeRoomSettings(as(lead), id, { escalationMinutes: 120 });
    await changeRoomSeverity(as(lead), id, { severity: 'high' });
    const [row] = await db()
      .select({ minutes: sql<number>`round(extract(epoch from (${schema.roomEscalations.dueAt} - now())) / 60)::int` })
      .from(schema.roomEscalations)
      .where(eq(schema.roomEscalations.roomId, id));
    expect(row.minutes).toBe(120);
  });

  it('refuses out-of-bounds, non-numeric and empty settings (400), no change and closed rooms (409), members (403); nothing written', async () => {
    const { id } = await openRoom();
    const before = await rowCounts();
    for (const bad of [{ updateIntervalMinutes: 5 }, { updateIntervalMinutes: 20000 }, { escalationMinutes: 1 }, { escalationMinutes: 'soon' }, { updateIntervalMinutes: 30.5 }]) {
      expect(await errorOf(() => changeRoomSettings(as(lead), id, bad))).toMatchObject({ status: 400, fields: expect.any(Object) });
    }
    expect(await errorOf(() => changeRoomSettings(as(lead), id, {}))).toMatchObject({ status: 400 });
    expect(await errorOf(() => changeRoomSettings(as(lead), id, { updateIntervalMinutes: 240, escalationMinutes: 30 }))).toMatchObject({ status: 409 });
    expect(await errorOf(() => changeRoomSettings(as(member), id, { updateIntervalMinutes: 60 }))).toMatchObject({ status: 403 });
    expect(await errorOf(() => changeRoomSettings(as(outsider), id, { updateIntervalMinutes: 60 }))).toMatchObject({ status: 404 });
    expect(await rowCounts()).toEqual(before);
    await changeRoomStatus(as(lead), id, { status: 'closed' });
    const closed = await rowCounts();
    expect(await errorOf(() => changeRoomSettings(as(lead), id, { updateIntervalMinutes: 60 }))).toMatchObject({ status: 409 });
    expect(await rowCounts()).toEqual(closed);
  });
});

describe('archived rooms', () => {
  it('leave the active list and appear in the archived view, for members only', async () => {
    const { id } = await openRoom();
    const still = await openRoom();
    await changeRoomStatus(as(lead), id, { status: 'closed' });
    expect((await listRooms(as(member))).map((r) => r.id)).toContain(id);
    await archiveRoom(as(lead), id);
    const active = (await listRooms(as(member))).map((r) => r.id);
    expect(active).not.toContain(id);
    expect(active).toContain(still.id);
    expect((await listRooms(as(member), { view: 'archived' })).map((r) => r.id)).toEqual([id]);
    for (const who of [outsider, moderatorOut]) {
      expect((await listRooms(as(who), { view: 'archived' })).map((r) => r.id)).not.toContain(id);
    }
    // Still readable to its members.
    expect((await getRoom(as(member), id)).archivedAt).toBeInstanceOf(Date);
    expect(await errorOf(() => listRooms(as(member), { view: 'deleted' }))).toMatchObject({ status: 400 });
  });
});

describe('view audit', () => {
  it(`records a person’s view of a room once per ${VIEW_AUDIT_WINDOW_MINUTES} minutes per address, not on every live refetch`, async () => {
    const { id } = await openRoom();
    const views = async () =>
      db()
        .select({ actorId: schema.auditEvents.actorId, ip: schema.auditEvents.ip })
        .from(schema.auditEvents)
        .where(and(eq(schema.auditEvents.action, 'room.view'), eq(schema.auditEvents.subjectId, id)));
    for (let i = 0; i < 5; i++) await viewRoom(as(member, '10.0.0.1'), id, i === 0 ? 'page' : 'api');
    expect(await views()).toHaveLength(1);
    await viewRoom(as(member, '10.0.0.2'), id, 'api');
    await viewRoom(as(lead, '10.0.0.1'), id, 'page');
    expect(await views()).toHaveLength(3);
    // Once the window has passed (the recorded views moved back past it), the next read is recorded again.
    await db()
      .update(schema.auditEvents)
      .set({ createdAt: sql`${schema.auditEvents.createdAt} - make_interval(mins => ${VIEW_AUDIT_WINDOW_MINUTES + 1})` })
      .where(and(eq(schema.auditEvents.action, 'room.view'), eq(schema.auditEvents.subjectId, id)));
    await viewRoom(as(member, '10.0.0.1'), id, 'api');
    expect(await views()).toHaveLength(4);
    // An outsider's attempt records nothing and gets the missing-room answer.
    expect(await errorOf(() => viewRoom(as(outsider), id, 'page'))).toMatchObject({ status: 404 });
    expect(await views()).toHaveLength(4);
  });
});
