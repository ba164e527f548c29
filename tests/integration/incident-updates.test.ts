import { and, eq } from 'drizzle-orm';
import type { Server } from 'socket.io';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { revealPostAuthor } from '@/lib/incidents/anonymous';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { getRoom } from '@/lib/incidents/get-room';
import { listOrgStatusBoard, reportOrgStatus } from '@/lib/incidents/org-status';
import { listRoomEvents } from '@/lib/incidents/room-events';
import { changeRoomStatus } from '@/lib/incidents/room-lifecycle';
import { changeMemberRole, removeMember } from '@/lib/incidents/room-membership';
import { listMyReminders, remindStaleRooms } from '@/lib/incidents/status-reminders';
import { search } from '@/lib/search';
import { setIo } from '@/lib/realtime/emit';
import { actorFor, db, errorOf, makeOrg, makeUser, randomId, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

let trust: Awaited<ReturnType<typeof makeOrg>>;
let lead: TestUser;
let poster: TestUser;
let colleague: TestUser;
let moderator: TestUser;
let outsideModerator: TestUser;
let person: TestUser;
const as = (u: TestUser): Actor => ({ ...actorFor(u), ip: '192.0.2.77' });

beforeAll(async () => {
  trust = await makeOrg({ name: 'Moorside Acute Trust' });
  await db().update(schema.organisations).set({ region: 'North East and Yorkshire' }).where(eq(schema.organisations.id, trust.id));
  lead = await makeUser({ role: 'incident_lead', name: 'Lou Lead' });
  poster = await makeUser({ organisation: trust, name: 'Quinn Quiet', email: `quinn.${Date.now()}@test.nhs.uk` });
  colleague = await makeUser({ organisation: trust, name: 'Cal Colleague' });
  moderator = await makeUser({ role: 'moderator', name: 'Mia Moderator' });
  outsideModerator = await makeUser({ role: 'moderator' });
  person = await makeUser({ name: 'Pip Person' });
});

afterEach(() => setIo(undefined));

async function openRoom() {
  return createRoom(as(lead), {
    title: 'Wiper malware on the radiology network',
    severity: 'moderate',
    tlp: 'AMBER',
    summary: 'Destructive malware; two modalities wiped.',
    publicHeadline: 'Radiology disruption',
    invite: { organisations: [trust.odsCode], users: [moderator.email, person.email] },
  });
}

describe('anonymous posting', () => {
  it('signs the post by organisation type and region; only staff in the room can reveal, and each reveal is audited', async () => {
    const { id } = await openRoom();
    const { id: postId } = await createRoomPost(as(poster), id, { body: 'ANONPOST we paid nothing', tlp: 'AMBER', anonymous: true });
    for (const who of [lead, colleague, person]) {
      const post = (await getRoom(as(who), id)).posts.find((p) => p.id === postId)!;
      expect(post).toMatchObject({ anonymous: true, authorName: 'an acute trust in North East and Yorkshire', mine: false });
      expect(JSON.stringify(post)).not.toContain('Quinn');
      expect(JSON.stringify(post)).not.toContain(poster.id);
    }
    expect((await getRoom(as(poster), id)).posts.find((p) => p.id === postId)).toMatchObject({ mine: true });

    // Search shows the same signature, and an author filter does not find the anonymous post.
    const found = await search(as(colleague), { q: 'ANONPOST' });
    expect(found.results.map((r) => r.authorName)).toEqual(['an acute trust in North East and Yorkshire']);
    expect((await search(as(colleague), { q: 'ANONPOST', author: poster.email })).results).toEqual([]);

    expect(await errorOf(() => revealPostAuthor(as(lead), id, postId))).toMatchObject({ code: 'forbidden' });
    const missing = await errorOf(() => revealPostAuthor(as(outsideModerator), randomId(), postId));
    expect(await errorOf(() => revealPostAuthor(as(outsideModerator), id, postId))).toEqual(missing);
    expect(await revealPostAuthor(as(moderator), id, postId)).toEqual({ postId, authorName: 'Quinn Quiet', organisationName: 'Moorside Acute Trust' });
    const audits = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'room.post.reveal_author'), eq(schema.auditEvents.subjectId, id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: moderator.id, ip: '192.0.2.77', detail: { postId, authorId: poster.id } });
  });
});

describe('status updates and reminders', () => {
  it('only leads post status updates; they go on the timeline', async () => {
    const { id } = await openRoom();
    expect(await errorOf(() => createRoomPost(as(colleague), id, { body: 'update?', tlp: 'AMBER', kind: 'status_update' }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(() => createRoomPost(as(lead), id, { body: 'x', tlp: 'AMBER', kind: 'status_update', anonymous: true }))).toMatchObject({ code: 'invalid' });
    await createRoomPost(as(lead), id, { body: 'Containment in progress', tlp: 'AMBER', kind: 'status_update' });
    expect((await getRoom(as(colleague), id)).posts.at(-1)).toMatchObject({ kind: 'status_update', authorName: 'Lou Lead' });
    expect((await listRoomEvents(as(colleague), id)).at(-1)).toMatchObject({ kind: 'status_update' });
  });

  it('reminds the room’s leads when no update was posted for the interval, once per interval; an update clears it', async () => {
    const { id } = await openRoom();
    const calls: string[] = [];
    setIo({
      to: (r: string | string[]) => ({ emit: (e: string, p: unknown) => calls.push(`${String(r)} ${e} ${JSON.stringify(p)}`) }),
      in: () => ({ socketsLeave: () => undefined }),
    } as unknown as Server);
    const openedHoursAgo = (hours: number) =>
      db().update(schema.incidentRooms).set({ createdAt: new Date(Date.now() - hours * 3600_000) }).where(eq(schema.incidentRooms.id, id));

    await openedHoursAgo(3.9);
    await remindStaleRooms();
    expect((await listMyReminders(as(lead))).map((r) => r.roomId)).not.toContain(id);
    await openedHoursAgo(4.1);
    await remindStaleRooms();
    expect((await listMyReminders(as(lead))).filter((r) => r.roomId === id)).toHaveLength(1);
    expect(calls).toContain(`user:${lead.id} room:reminder {"roomId":"${id}"}`);
    // Once per interval.
    await openedHoursAgo(6);
    await remindStaleRooms();
    expect((await db().select().from(schema.roomReminders).where(eq(schema.roomReminders.roomId, id))).length).toBe(1);
    expect(await listMyReminders(as(colleague))).toEqual([]);

    await createRoomPost(as(lead), id, { body: 'All systems restored from backup', tlp: 'AMBER', kind: 'status_update' });
    expect((await listMyReminders(as(lead))).map((r) => r.roomId)).not.toContain(id);

    // A removed lead no longer sees reminders for the room.
    await changeMemberRole(as(lead), id, person.id, { role: 'lead' });
    await db().update(schema.roomPosts).set({ createdAt: new Date(Date.now() - 5 * 3600_000) }).where(eq(schema.roomPosts.roomId, id));
    await db().update(schema.incidentRooms).set({ lastRemindedAt: new Date(Date.now() - 5 * 3600_000) }).where(eq(schema.incidentRooms.id, id));
    await remindStaleRooms();
    expect((await listMyReminders(as(person))).map((r) => r.roomId)).toContain(id);
    await removeMember(as(lead), id, person.id);
    expect((await listMyReminders(as(person))).map((r) => r.roomId)).not.toContain(id);
  });

  it('closed rooms get no reminders', async () => {
    const { id } = await openRoom();
    await changeRoomStatus(as(lead), id, { status: 'closed' });
    await remindStaleRooms(new Date(Date.now() + 24 * 3600_000));
    const rows = await db().select().from(schema.roomReminders).where(eq(schema.roomReminders.roomId, id));
    expect(rows).toEqual([]);
  });
});

describe('organisation status board', () => {
  it('members of invited organisations report; members see the board live; outsiders get 404', async () => {
    const { id } = await openRoom();
    const calls: string[] = [];
    setIo({ to: (r: string | string[]) => ({ emit: (e: string, p: unknown) => calls.push(`${String(r)} ${e} ${JSON.stringify(p)}`) }) } as unknown as Server);
    expect((await listOrgStatusBoard(as(person), id)).map((b) => [b.organisationName, b.status])).toEqual([['Moorside Acute Trust', null]]);
    await reportOrgStatus(as(poster), id, { status: 'investigating', note: 'Isolated two modalities' });
    await reportOrgStatus(as(colleague), id, { status: 'contained' });
    const board = await listOrgStatusBoard(as(person), id);
    expect(board).toMatchObject([{ organisationName: 'Moorside Acute Trust', status: 'contained', note: '', updatedByName: 'Cal Colleague' }]);
    expect(calls).toContain(`incident:${id} room:org-status:changed {"roomId":"${id}"}`);
    for (const c of calls) expect(c).not.toMatch(/Isolated|Wiper|radiology/);
    expect((await listRoomEvents(as(lead), id)).filter((e) => e.kind === 'org_status').map((e) => e.detail)).toEqual([
      { status: 'investigating' },
      { status: 'contained' },
    ]);

    const before = await rowCounts();
    // Not from an invited organisation (invited by name), not valid, observer, outsider.
    expect(await errorOf(() => reportOrgStatus(as(person), id, { status: 'impacted' }))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(() => reportOrgStatus(as(poster), id, { status: 'on fire' }))).toMatchObject({ code: 'invalid', fields: { status: expect.any(Array) } });
    const missing = await errorOf(() => listOrgStatusBoard(as(outsideModerator), randomId()));
    expect(await errorOf(() => listOrgStatusBoard(as(outsideModerator), id))).toEqual(missing);
    expect(await errorOf(() => reportOrgStatus(as(outsideModerator), id, { status: 'impacted' }))).toEqual(missing);
    expect(await rowCounts()).toEqual(before);
    await changeRoomStatus(as(lead), id, { status: 'closed' });
    expect(await errorOf(() => reportOrgStatus(as(poster), id, { status: 'recovered' }))).toMatchObject({ code: 'conflict' });
  });
});
