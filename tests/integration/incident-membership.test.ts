import { and, eq } from 'drizzle-orm';
import type { Server } from 'socket.io';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { getRoom } from '@/lib/incidents/get-room';
import { listRoomEvents } from '@/lib/incidents/room-events';
import { changeMemberRole, listRoomAccess, removeMember } from '@/lib/incidents/room-membership';
import { listRooms } from '@/lib/incidents/list-rooms';
import { setIo } from '@/lib/realtime/emit';
import { actorFor, db, errorOf, makeOrg, makeUser, randomId, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

let lead: TestUser;
let person: TestUser;
let colleague: TestUser;
let moderator: TestUser;
let outsider: TestUser;
let org: Awaited<ReturnType<typeof makeOrg>>;
const as = (u: TestUser): Actor => ({ ...actorFor(u), ip: '198.51.100.4' });

beforeAll(async () => {
  org = await makeOrg({ name: 'Northshire Acute Trust' });
  lead = await makeUser({ role: 'incident_lead', name: 'Lena Lead' });
  person = await makeUser({ name: 'Ivan Invited' });
  colleague = await makeUser({ organisation: org, name: 'Olga Org' });
  moderator = await makeUser({ role: 'moderator', name: 'Mo Moderator' });
  outsider = await makeUser();
});

afterEach(() => setIo(undefined));

async function openRoom() {
  return createRoom(as(lead), {
    title: 'Phishing wave with a fake payroll portal',
    severity: 'moderate',
    tlp: 'AMBER',
    summary: 'Harvested credentials used against the VPN.',
    publicHeadline: 'Phishing campaign targeting NHS staff',
    invite: { organisations: [org.odsCode], users: [person.email, moderator.email] },
  });
}

/** A stand-in for socket.io that records what the use cases asked of it. */
function recordingIo() {
  const calls: string[] = [];
  const io = {
    in: (room: string) => ({ socketsLeave: (left: string) => calls.push(`leave ${room} ${left}`), disconnectSockets: () => calls.push(`disconnect ${room}`) }),
    to: (room: string | string[]) => ({ emit: (event: string, payload: unknown) => calls.push(`emit ${String(room)} ${event} ${JSON.stringify(payload)}`) }),
  };
  setIo(io as unknown as Server);
  return calls;
}

describe('who can see this and why', () => {
  it('lists every person with access, how they got it, who granted it and when', async () => {
    const { id } = await openRoom();
    const access = await listRoomAccess(as(colleague), id);
    const byName = Object.fromEntries(access.map((a) => [a.name, a]));
    expect(Object.keys(byName).sort()).toEqual(['Ivan Invited', 'Lena Lead', 'Mo Moderator', 'Olga Org']);
    expect(byName['Lena Lead']).toMatchObject({ role: 'lead', source: 'creator', grantedByName: 'Lena Lead' });
    expect(byName['Ivan Invited']).toMatchObject({ role: 'member', source: 'person', grantedByName: 'Lena Lead' });
    expect(byName['Olga Org']).toMatchObject({ role: 'member', source: 'organisation', organisationName: 'Northshire Acute Trust' });
    expect(byName['Olga Org'].grantedAt).toBeInstanceOf(Date);
  });

  it('is a 404 for outsiders, exactly like a missing room', async () => {
    const { id } = await openRoom();
    const missing = await errorOf(() => listRoomAccess(as(outsider), randomId()));
    expect(await errorOf(() => listRoomAccess(as(outsider), id))).toEqual(missing);
    expect(missing).toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('removing members', () => {
  it('takes effect at once: next read 404, sockets leave the room, room gone from their list; audited and on the timeline', async () => {
    const { id } = await openRoom();
    expect((await getRoom(as(person), id)).id).toBe(id);
    const calls = recordingIo();
    await removeMember(as(lead), id, person.id);

    const missing = await errorOf(() => getRoom(as(person), randomId()));
    expect(await errorOf(() => getRoom(as(person), id))).toEqual(missing);
    expect(await errorOf(() => createRoomPost(as(person), id, { body: 'still here?', tlp: 'AMBER' }))).toEqual(missing);
    expect((await listRooms(as(person))).map((r) => r.id)).not.toContain(id);
    expect(calls).toContain(`leave user:${person.id} incident:${id}`);
    expect(calls).toContain(`emit user:${person.id} room:access:changed {"roomId":"${id}"}`);
    expect(calls).toContain(`emit incident:${id} room:changed {"roomId":"${id}"}`);
    // Events carry ids only.
    for (const c of calls) expect(c).not.toMatch(/Phishing|payroll|VPN/);

    expect((await listRoomAccess(as(lead), id)).map((a) => a.userId)).not.toContain(person.id);
    const last = (await listRoomEvents(as(lead), id)).at(-1);
    expect(last).toMatchObject({ kind: 'removed', actorName: 'Lena Lead', subjectName: 'Ivan Invited' });
    const [audit] = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'room.member.remove'), eq(schema.auditEvents.subjectId, id)));
    expect(audit).toMatchObject({ actorId: lead.id, ip: '198.51.100.4', detail: { userId: person.id, role: 'member', source: 'person' } });

    // Removing them again: they are no longer in the room.
    expect(await errorOf(() => removeMember(as(lead), id, person.id))).toMatchObject({ code: 'not_found' });
  });

  it('lets a moderator in the room remove members; members are forbidden; outsiders get 404; nothing written', async () => {
    const { id } = await openRoom();
    await removeMember(as(moderator), id, colleague.id);
    const missing = await errorOf(() => removeMember(as(outsider), randomId(), person.id));
    const outsideModerator = await makeUser({ role: 'moderator' });
    const before = await rowCounts();
    expect(await errorOf(() => removeMember(as(person), id, lead.id))).toMatchObject({ code: 'forbidden', status: 403 });
    expect(await errorOf(() => changeMemberRole(as(person), id, lead.id, { role: 'observer' }))).toMatchObject({ code: 'forbidden' });
    for (const who of [outsider, outsideModerator, colleague]) {
      expect(await errorOf(() => removeMember(as(who), id, person.id))).toEqual(missing);
      expect(await errorOf(() => changeMemberRole(as(who), id, person.id, { role: 'lead' }))).toEqual(missing);
    }
    expect(await errorOf(() => removeMember(as(lead), id, outsider.id))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(() => removeMember(as(lead), id, 'nope'))).toMatchObject({ code: 'not_found' });
    expect(await rowCounts()).toEqual(before);
  });

  it('keeps at least one lead', async () => {
    const { id } = await openRoom();
    const before = await rowCounts();
    expect(await errorOf(() => removeMember(as(lead), id, lead.id))).toMatchObject({ code: 'conflict', status: 409 });
    expect(await errorOf(() => changeMemberRole(as(lead), id, lead.id, { role: 'member' }))).toMatchObject({ code: 'conflict' });
    expect(await rowCounts()).toEqual(before);
    await changeMemberRole(as(lead), id, person.id, { role: 'lead' });
    await changeMemberRole(as(person), id, lead.id, { role: 'member' });
    expect((await getRoom(as(lead), id)).canManage).toBe(false);
    expect((await getRoom(as(person), id)).canManage).toBe(true);
  });
});

describe('room roles', () => {
  it('observers read but cannot post; the change is audited and on the timeline', async () => {
    const { id } = await openRoom();
    const calls = recordingIo();
    expect(await changeMemberRole(as(lead), id, colleague.id, { role: 'observer' })).toMatchObject({ role: 'observer' });
    expect(calls).toContain(`emit incident:${id} room:changed {"roomId":"${id}"}`);
    const room = await getRoom(as(colleague), id);
    expect(room).toMatchObject({ myRole: 'observer', canPost: false });
    expect(await errorOf(() => createRoomPost(as(colleague), id, { body: 'observing', tlp: 'AMBER' }))).toMatchObject({ code: 'conflict' });
    const last = (await listRoomEvents(as(colleague), id)).at(-1);
    expect(last).toMatchObject({ kind: 'role_changed', subjectName: 'Olga Org', detail: { from: 'member', to: 'observer' } });
    const audits = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'room.member.role'), eq(schema.auditEvents.subjectId, id)));
    expect(audits).toHaveLength(1);

    expect(await errorOf(() => changeMemberRole(as(lead), id, colleague.id, { role: 'observer' }))).toMatchObject({ code: 'conflict' });
    expect(await errorOf(() => changeMemberRole(as(lead), id, colleague.id, { role: 'owner' }))).toMatchObject({ code: 'invalid', fields: { role: expect.any(Array) } });
    await changeMemberRole(as(lead), id, colleague.id, { role: 'member' });
    expect((await getRoom(as(colleague), id)).canPost).toBe(true);
  });
});
