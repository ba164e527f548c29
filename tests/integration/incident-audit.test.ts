import { and, eq } from 'drizzle-orm';
import type { Server } from 'socket.io';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createRoom } from '@/lib/incidents/create-room';
import { getRoom } from '@/lib/incidents/get-room';
import { enterRoomAsStaff, listRoomAudit, listRoomRegister, viewRoom } from '@/lib/incidents/room-audit';
import { listRoomEvents } from '@/lib/incidents/room-events';
import { listRoomAccess } from '@/lib/incidents/room-membership';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { setIo } from '@/lib/realtime/emit';
import { actorFor, db, errorOf, makeUser, randomId, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

let lead: TestUser;
let member: TestUser;
let moderatorIn: TestUser;
let admin: TestUser;
let moderatorOut: TestUser;
const as = (u: TestUser, ip = '198.51.100.9'): Actor => ({ ...actorFor(u), ip });
const TITLE = 'Insider exfiltrating CANARYAUDIT patient lists';

beforeAll(async () => {
  lead = await makeUser({ role: 'incident_lead', name: 'Leo Lead' });
  member = await makeUser({ name: 'Meg Member' });
  moderatorIn = await makeUser({ role: 'moderator', name: 'Moe Moderator' });
  admin = await makeUser({ role: 'admin', name: 'Ada Admin' });
  moderatorOut = await makeUser({ role: 'moderator' });
});
afterEach(() => setIo(undefined));

const open = () =>
  createRoom(as(lead), {
    title: TITLE,
    severity: 'moderate',
    tlp: 'AMBER',
    summary: 'CANARYAUDIT summary',
    publicHeadline: 'Data protection incident',
    invite: { organisations: [], users: [member.email, moderatorIn.email] },
  });

describe('room audit', () => {
  it('records every view with who and where; moderators in the room read it; others cannot', async () => {
    const { id } = await open();
    await viewRoom(as(member, '10.1.2.3'), id, 'page');
    await viewRoom(as(member, '10.1.2.4'), id, 'api');
    const audit = await listRoomAudit(as(moderatorIn), id);
    const views = audit.filter((a) => a.action === 'room.view');
    expect(views.map((v) => [v.actorName, v.ip, v.detail])).toEqual([
      ['Meg Member', '10.1.2.4', { surface: 'api' }],
      ['Meg Member', '10.1.2.3', { surface: 'page' }],
    ]);
    expect(audit.at(-1)).toMatchObject({ action: 'room.create', actorName: 'Leo Lead' });
    expect(await errorOf(() => listRoomAudit(as(member), id))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(() => listRoomAudit(as(lead), id))).toMatchObject({ code: 'forbidden' });
    const missing = await errorOf(() => listRoomAudit(as(moderatorOut), randomId()));
    expect(await errorOf(() => listRoomAudit(as(moderatorOut), id))).toEqual(missing);
    expect(await errorOf(() => listRoomAudit(as(admin), id))).toEqual(missing);
    expect(await errorOf(() => viewRoom(as(moderatorOut), id, 'page'))).toEqual(missing);
  });
});

describe('staff entry', () => {
  it('the register lists references, never titles, for admins only', async () => {
    const { id, reference } = await open();
    const register = await listRoomRegister(as(admin));
    const row = register.find((r) => r.id === id)!;
    expect(row).toMatchObject({ reference, severity: 'moderate', status: 'open', member: false });
    expect(JSON.stringify(register)).not.toContain('CANARYAUDIT');
    for (const who of [moderatorIn, lead, member]) expect(await errorOf(() => listRoomRegister(as(who)))).toMatchObject({ code: 'forbidden' });
  });

  it('an admin enters with a reason as an observer; the leads are told on the timeline and the socket; audited', async () => {
    const { id } = await open();
    await createRoomPost(as(member), id, { body: 'CANARYAUDIT evidence', tlp: 'AMBER' });
    const calls: string[] = [];
    setIo({ to: (r: string | string[]) => ({ emit: (e: string, p: unknown) => calls.push(`${String(r)} ${e} ${JSON.stringify(p)}`) }) } as unknown as Server);
    const missing = await errorOf(() => getRoom(as(admin), randomId()));
    expect(await errorOf(() => getRoom(as(admin), id))).toEqual(missing);

    const before = await rowCounts();
    expect(await errorOf(() => enterRoomAsStaff(as(admin), id, { reason: 'short' }))).toMatchObject({ code: 'invalid', fields: { reason: expect.any(Array) } });
    expect(await errorOf(() => enterRoomAsStaff(as(admin), id, {}))).toMatchObject({ code: 'invalid' });
    // Not an admin, or no such room: the missing-room 404, whatever the input.
    for (const who of [moderatorOut, lead]) expect(await errorOf(() => enterRoomAsStaff(as(who), id, { reason: 'I would like to look around' }))).toEqual(missing);
    expect(await errorOf(() => enterRoomAsStaff(as(admin), randomId(), { reason: 'I would like to look around' }))).toEqual(missing);
    expect(await rowCounts()).toEqual(before);

    expect(await enterRoomAsStaff(as(admin), id, { reason: 'Legal hold requested by the DPO' })).toMatchObject({ role: 'observer' });
    const room = await getRoom(as(admin), id);
    expect(room).toMatchObject({ myRole: 'observer', canPost: false });
    expect(room.posts[0].bodyHtml).toContain('CANARYAUDIT');
    expect(calls).toContain(`incident:${id} room:staff-entry {"roomId":"${id}","userId":"${admin.id}"}`);
    expect((await listRoomEvents(as(lead), id)).at(-1)).toMatchObject({ kind: 'joined', actorName: 'Ada Admin', detail: { via: 'staff_entry' } });
    expect((await listRoomAccess(as(lead), id)).find((a) => a.userId === admin.id)).toMatchObject({ source: 'staff_entry', role: 'observer' });
    const [audit] = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'room.staff_entry'), eq(schema.auditEvents.subjectId, id)));
    expect(audit).toMatchObject({ actorId: admin.id, detail: { reason: 'Legal hold requested by the DPO' } });
    expect(await errorOf(() => enterRoomAsStaff(as(admin), id, { reason: 'Legal hold requested again' }))).toMatchObject({ code: 'conflict' });
  });
});
