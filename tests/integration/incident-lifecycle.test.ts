import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { getRoom } from '@/lib/incidents/get-room';
import { listRoomEvents } from '@/lib/incidents/room-events';
import { archiveRoom, changeRoomSeverity, changeRoomStatus } from '@/lib/incidents/room-lifecycle';
import { actorFor, db, errorOf, makeOrg, makeUser, randomId, rowCounts, schema, smsJobs, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

let lead: TestUser;
let member: TestUser;
let moderatorInRoom: TestUser;
let outsider: TestUser;
let orgColleague: TestUser;
let affectedOrg: Awaited<ReturnType<typeof makeOrg>>;
const as = (u: TestUser): Actor => ({ ...actorFor(u), ip: '203.0.113.7' });

beforeAll(async () => {
  affectedOrg = await makeOrg();
  lead = await makeUser({ role: 'incident_lead' });
  member = await makeUser();
  moderatorInRoom = await makeUser({ role: 'moderator' });
  outsider = await makeUser();
  orgColleague = await makeUser({ organisation: affectedOrg });
});

async function openRoom(overrides: Record<string, unknown> = {}) {
  return createRoom(as(lead), {
    title: 'Credential stuffing against the staff portal',
    severity: 'moderate',
    tlp: 'AMBER',
    summary: 'Sprayed logins from a botnet; two accounts confirmed compromised.',
    publicHeadline: 'Staff portal sign-in problems',
    invite: { organisations: [affectedOrg.odsCode], users: [member.email, moderatorInRoom.email] },
    ...overrides,
  });
}

describe('room lifecycle', () => {
  it('moves status forward open → contained → resolved → closed, audited and on the timeline', async () => {
    const { id } = await openRoom();
    for (const status of ['contained', 'resolved', 'closed'] as const) {
      expect(await changeRoomStatus(as(lead), id, { status })).toMatchObject({ status });
    }
    const room = await getRoom(as(member), id);
    expect(room.status).toBe('closed');
    expect(room.closedAt).toBeInstanceOf(Date);
    const events = await listRoomEvents(as(member), id);
    expect(events.map((e) => e.kind)).toEqual(['created', 'invited', 'invited', 'invited', 'status_changed', 'status_changed', 'status_changed']);
    expect(events.at(-1)).toMatchObject({ kind: 'status_changed', detail: { from: 'resolved', to: 'closed' }, actorName: lead.name });
    const audits = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'room.status'), eq(schema.auditEvents.subjectId, id)));
    expect(audits).toHaveLength(3);
    expect(audits[0]).toMatchObject({ actorId: lead.id, ip: '203.0.113.7' });
  });

  it('refuses backward and repeated status changes with conflict, and writes nothing', async () => {
    const { id } = await openRoom();
    await changeRoomStatus(as(lead), id, { status: 'resolved' });
    const before = await rowCounts();
    for (const status of ['open', 'contained', 'resolved']) {
      expect(await errorOf(() => changeRoomStatus(as(lead), id, { status }))).toMatchObject({ code: 'conflict', status: 409 });
    }
    expect(await errorOf(() => changeRoomStatus(as(lead), id, { status: 'reopened' }))).toMatchObject({ code: 'invalid', status: 400, fields: { status: expect.any(Array) } });
    expect(await rowCounts()).toEqual(before);
  });

  it('makes a closed room read-only: posts and severity changes get 409; it can then be archived once', async () => {
    const { id } = await openRoom();
    await changeRoomStatus(as(lead), id, { status: 'closed' });
    const before = await rowCounts();
    expect(await errorOf(() => createRoomPost(as(member), id, { body: 'too late', tlp: 'AMBER' }))).toMatchObject({ code: 'conflict', status: 409 });
    expect(await errorOf(() => changeRoomSeverity(as(lead), id, { severity: 'critical' }))).toMatchObject({ code: 'conflict', status: 409 });
    expect(await errorOf(() => changeRoomStatus(as(lead), id, { status: 'closed' }))).toMatchObject({ code: 'conflict' });
    expect(await rowCounts()).toEqual(before);

    const { archivedAt } = await archiveRoom(as(lead), id);
    expect(archivedAt).toBeInstanceOf(Date);
    expect((await getRoom(as(member), id)).archivedAt).toBeInstanceOf(Date);
    expect(await errorOf(() => archiveRoom(as(lead), id))).toMatchObject({ code: 'conflict' });
    expect((await listRoomEvents(as(lead), id)).at(-1)?.kind).toBe('archived');
  });

  it('refuses archiving an open room with conflict', async () => {
    const { id } = await openRoom();
    expect(await errorOf(() => archiveRoom(as(lead), id))).toMatchObject({ code: 'conflict', status: 409 });
  });

  it('lets a moderator in the room manage it; members are forbidden; outsiders get the missing-room 404', async () => {
    const { id } = await openRoom();
    expect(await changeRoomStatus(as(moderatorInRoom), id, { status: 'contained' })).toMatchObject({ status: 'contained' });
    const missing = await errorOf(() => changeRoomStatus(as(outsider), randomId(), { status: 'closed' }));
    expect(missing).toMatchObject({ code: 'not_found', status: 404 });
    const outsideModerator = await makeUser({ role: 'moderator' });
    const before = await rowCounts();
    for (const who of [member, orgColleague]) {
      expect(await errorOf(() => changeRoomStatus(as(who), id, { status: 'closed' }))).toMatchObject({ code: 'forbidden', status: 403 });
      expect(await errorOf(() => changeRoomSeverity(as(who), id, { severity: 'low' }))).toMatchObject({ code: 'forbidden' });
    }
    for (const who of [outsider, outsideModerator]) {
      expect(await errorOf(() => changeRoomStatus(as(who), id, { status: 'closed' }))).toEqual(missing);
      expect(await errorOf(() => changeRoomStatus(as(who), id, { status: 'nonsense' }))).toEqual(missing);
      expect(await errorOf(() => changeRoomSeverity(as(who), id, { severity: 'critical' }))).toEqual(missing);
      expect(await errorOf(() => archiveRoom(as(who), id))).toEqual(missing);
      expect(await errorOf(() => listRoomEvents(as(who), id))).toEqual(missing);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('severity', () => {
  it('lowering or raising within non-alerting levels sends nothing', async () => {
    const { id } = await openRoom({ severity: 'moderate' });
    const jobsBefore = (await smsJobs()).length;
    await changeRoomSeverity(as(lead), id, { severity: 'low' });
    expect(await changeRoomSeverity(as(lead), id, { severity: 'moderate' })).toMatchObject({ texts: 0, bulletinPublished: false });
    expect(await errorOf(() => changeRoomSeverity(as(lead), id, { severity: 'moderate' }))).toMatchObject({ code: 'conflict' });
    expect((await smsJobs()).length).toBe(jobsBefore);
    const events = await listRoomEvents(as(lead), id);
    expect(events.filter((e) => e.kind === 'severity_changed').map((e) => e.detail)).toEqual([
      { from: 'moderate', to: 'low' },
      { from: 'low', to: 'moderate' },
    ]);
  });

  it('raising to high texts every member not yet alerted, publishes one bulletin, and never texts twice', async () => {
    const { id } = await openRoom({ severity: 'moderate' });
    const result = await changeRoomSeverity(as(lead), id, { severity: 'high' });
    // member, moderator, org colleague: alert + signpost each (the lead who raised it is not texted).
    expect(result).toMatchObject({ severity: 'high', texts: 6, bulletinPublished: true });
    const texts = await db().select().from(schema.smsMessages).where(eq(schema.smsMessages.roomId, id));
    expect(new Set(texts.map((t) => t.userId))).toEqual(new Set([member.id, moderatorInRoom.id, orgColleague.id]));
    for (const t of texts) expect(t.body).not.toMatch(/Credential stuffing|botnet/);
    const smsIds = new Set(texts.filter((t) => t.kind === 'alert').map((t) => t.id));
    expect((await smsJobs()).filter((j) => smsIds.has(j.smsId))).toHaveLength(3);

    // A new member joins; raising again texts only them, and no second bulletin is published.
    const late = await makeUser({ organisation: affectedOrg });
    await db().insert(schema.roomMembers).values({ roomId: id, userId: late.id, source: 'person', grantedById: lead.id });
    expect(await changeRoomSeverity(as(lead), id, { severity: 'critical' })).toMatchObject({ texts: 2, bulletinPublished: false });
    const after = await db().select().from(schema.smsMessages).where(eq(schema.smsMessages.roomId, id));
    expect(after).toHaveLength(8);
    expect(await db().select().from(schema.bulletins).where(eq(schema.bulletins.roomId, id))).toHaveLength(1);

    const kinds = (await listRoomEvents(as(member), id)).map((e) => e.kind);
    expect(kinds.filter((k) => k === 'bulletin_published')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'texts_sent')).toHaveLength(2);
    const events = await listRoomEvents(as(member), id);
    expect(events.filter((e) => e.kind === 'texts_sent').map((e) => e.detail)).toEqual([{ count: 6 }, { count: 2 }]);
    const audits = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'room.severity'), eq(schema.auditEvents.subjectId, id)));
    expect(audits.map((a) => a.detail)).toEqual([
      { from: 'moderate', to: 'high' },
      { from: 'high', to: 'critical' },
    ]);
  });

  it('a room opened at critical has created, bulletin and texts on its timeline', async () => {
    const { id } = await openRoom({ severity: 'critical' });
    const kinds = (await listRoomEvents(as(lead), id)).map((e) => e.kind);
    expect(kinds).toEqual(['created', 'invited', 'invited', 'invited', 'bulletin_published', 'texts_sent']);
  });

  it('the timeline carries no restricted text', async () => {
    const { id } = await openRoom({ severity: 'moderate' });
    await changeRoomSeverity(as(lead), id, { severity: 'critical' });
    await changeRoomStatus(as(lead), id, { status: 'closed' });
    const stored = await db().select().from(schema.roomEvents).where(eq(schema.roomEvents.roomId, id));
    expect(JSON.stringify(stored)).not.toMatch(/Credential stuffing|botnet|compromised/);
  });
});
