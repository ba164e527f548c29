import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { getRoom } from '@/lib/incidents/get-room';
import { listRooms } from '@/lib/incidents/list-rooms';
import type { Actor } from '@/lib/auth/actor';
import {
  actorFor,
  db,
  errorOf,
  makeOrg,
  makeUser,
  randomId,
  rowCounts,
  schema,
  useTestDatabase,
  type TestUser,
} from './harness';

useTestDatabase();

type Org = Awaited<ReturnType<typeof makeOrg>>;

let leadOrg: Org;
let affectedOrg: Org;
let otherOrg: Org;
let lead: TestUser;
let invitedPerson: TestUser;
let orgColleague: TestUser;
let outsider: TestUser;

beforeAll(async () => {
  leadOrg = await makeOrg({ type: 'other' });
  affectedOrg = await makeOrg();
  otherOrg = await makeOrg();
  lead = await makeUser({ role: 'incident_lead', organisation: leadOrg });
  invitedPerson = await makeUser({ organisation: otherOrg });
  orgColleague = await makeUser({ organisation: affectedOrg });
  outsider = await makeUser({ organisation: otherOrg });
});

function roomInput(overrides: Record<string, unknown> = {}) {
  return {
    title: 'Ransomware on the PACS servers',
    severity: 'moderate',
    tlp: 'AMBER',
    summary: 'Encrypted imaging archive; initial access suspected via the supplier VPN.',
    publicHeadline: 'Imaging services disrupted at one trust',
    invite: { organisations: [affectedOrg.odsCode], users: [invitedPerson.email] },
    ...overrides,
  };
}

const as = (u: TestUser): Actor => actorFor(u);

describe('createRoom', () => {
  it('opens a room for an incident lead, with sequential references INC-YYYY-NNNN', async () => {
    const year = new Date().getUTCFullYear();
    const first = await createRoom(as(lead), roomInput());
    const second = await createRoom(as(lead), roomInput({ title: 'Second incident' }));
    expect(first.reference).toMatch(new RegExp(`^INC-${year}-\\d{4}$`));
    const n = (ref: string) => Number(ref.split('-')[2]);
    expect(n(second.reference)).toBe(n(first.reference) + 1);
    expect(first.texts).toBe(0);

    const [room] = await db().select().from(schema.incidentRooms).where(eq(schema.incidentRooms.id, first.id));
    expect(room).toMatchObject({ reference: first.reference, severity: 'moderate', tlp: 'AMBER', status: 'open', createdById: lead.id });
    const [audit] = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'room.create'), eq(schema.auditEvents.subjectId, first.id)));
    expect(audit.actorId).toBe(lead.id);
  });

  it('makes the creator lead, adds invited people and the active members of invited organisations', async () => {
    const suspendedColleague = await makeUser({ organisation: affectedOrg, status: 'suspended' });
    const { id } = await createRoom(
      as(lead),
      roomInput({ invite: { organisations: [affectedOrg.odsCode.toLowerCase(), affectedOrg.odsCode], users: [invitedPerson.email.toUpperCase(), invitedPerson.email, lead.email] } }),
    );
    const members = await db().select().from(schema.roomMembers).where(eq(schema.roomMembers.roomId, id));
    const byUser = Object.fromEntries(members.map((m) => [m.userId, m]));
    expect(byUser[lead.id]).toMatchObject({ role: 'lead', source: 'creator' });
    expect(byUser[invitedPerson.id]).toMatchObject({ role: 'member', source: 'person' });
    expect(byUser[orgColleague.id]).toMatchObject({ role: 'member', source: 'organisation' });
    expect(byUser[suspendedColleague.id]).toBeUndefined();
    expect(byUser[outsider.id]).toBeUndefined();
    const orgs = await db().select().from(schema.roomOrganisations).where(eq(schema.roomOrganisations.roomId, id));
    expect(orgs.map((o) => o.organisationId)).toEqual([affectedOrg.id]);
  });

  it('lets an admin open a room', async () => {
    const admin = await makeUser({ role: 'admin' });
    const { reference } = await createRoom(as(admin), roomInput({ invite: undefined }));
    expect(reference).toMatch(/^INC-\d{4}-\d{4}$/);
  });

  it('refuses members and moderators with forbidden and writes nothing', async () => {
    const member = await makeUser();
    const moderator = await makeUser({ role: 'moderator' });
    const before = await rowCounts();
    for (const who of [member, moderator]) {
      expect(await errorOf(() => createRoom(as(who), roomInput()))).toMatchObject({ code: 'forbidden', status: 403 });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses bad input with the field named and writes nothing: no room, members, texts or jobs', async () => {
    // Alerting severity and invitees with verified mobiles: a success here would write texts and jobs.
    const suspended = await makeUser({ status: 'suspended', organisation: affectedOrg });
    const cases: [string, Record<string, unknown>, string][] = [
      ['unknown ODS code', { invite: { organisations: [affectedOrg.odsCode, 'ZZZ999'], users: [] } }, 'invite.organisations'],
      ['malformed ODS code', { invite: { organisations: ['no!'], users: [] } }, 'invite.organisations.0'],
      ['unknown email', { invite: { organisations: [], users: [invitedPerson.email, 'nobody@test.nhs.uk'] } }, 'invite.users'],
      ['suspended person', { invite: { organisations: [], users: [suspended.email] } }, 'invite.users'],
      ['malformed email', { invite: { organisations: [], users: ['not-an-email'] } }, 'invite.users.0'],
      ['RED with organisations', { tlp: 'RED', invite: { organisations: [affectedOrg.odsCode], users: [] } }, 'invite.organisations'],
      ['public TLP as a room ceiling', { tlp: 'GREEN' }, 'tlp'],
      ['unknown TLP', { tlp: 'PURPLE' }, 'tlp'],
      ['missing title', { title: undefined }, 'title'],
      ['blank title', { title: '   ' }, 'title'],
      ['missing summary', { summary: '' }, 'summary'],
      ['missing public headline', { publicHeadline: ' ' }, 'publicHeadline'],
      ['unknown severity', { severity: 'apocalyptic' }, 'severity'],
      ['headline repeating the title', { publicHeadline: 'Update: ransomware on the PACS servers' }, 'publicHeadline'],
    ];
    const before = await rowCounts();
    for (const [label, overrides, field] of cases) {
      const error = await errorOf(() => createRoom(as(lead), roomInput({ severity: 'critical', ...overrides })));
      expect(error, label).toMatchObject({ code: 'invalid', status: 400 });
      expect(Object.keys(error.fields as object), label).toContain(field);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('admits RED rooms by named people only', async () => {
    const { id } = await createRoom(as(lead), roomInput({ tlp: 'RED', invite: { organisations: [], users: [invitedPerson.email] } }));
    const members = await db().select().from(schema.roomMembers).where(eq(schema.roomMembers.roomId, id));
    expect(members.map((m) => m.userId).sort()).toEqual([lead.id, invitedPerson.id].sort());
  });
});

describe('reading and posting in a room', () => {
  let roomId: string;

  beforeAll(async () => {
    roomId = (await createRoom(as(lead), roomInput())).id;
  });

  it('lets invited people and members of invited organisations read and post', async () => {
    for (const who of [lead, invitedPerson, orgColleague]) {
      const room = await getRoom(as(who), roomId);
      expect(room.title).toBe('Ransomware on the PACS servers');
      expect(room.canPost).toBe(true);
      const post = await createRoomPost(as(who), roomId, { body: `Update from ${who.name}`, tlp: 'AMBER' });
      const after = await getRoom(as(lead), roomId);
      expect(after.posts.find((p) => p.id === post.id)).toMatchObject({ tlp: 'AMBER', authorName: who.name });
    }
    const seen = await getRoom(as(orgColleague), roomId);
    expect(seen.myRole).toBe('member');
    expect(seen.canManage).toBe(false);
    expect(seen.organisations.map((o) => o.odsCode)).toEqual([affectedOrg.odsCode]);
    expect((await getRoom(as(lead), roomId)).canManage).toBe(true);
  });

  it('accepts post labels up to the room ceiling and refuses those above it, writing nothing', async () => {
    for (const tlp of ['CLEAR', 'GREEN', 'AMBER']) {
      await createRoomPost(as(invitedPerson), roomId, { body: `labelled ${tlp}`, tlp });
    }
    const before = await rowCounts();
    for (const tlp of ['AMBER+STRICT', 'RED']) {
      const error = await errorOf(() => createRoomPost(as(invitedPerson), roomId, { body: 'too secret', tlp }));
      expect(error, tlp).toMatchObject({ code: 'invalid', fields: { tlp: ['Choose TLP:AMBER or lower'] } });
    }
    for (const bad of [{ body: 'no label' }, { body: 'odd label', tlp: 'amber' }, { body: '', tlp: 'AMBER' }, { body: ' ', tlp: 'AMBER' }]) {
      expect(await errorOf(() => createRoomPost(as(invitedPerson), roomId, bad))).toMatchObject({ code: 'invalid' });
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('renders room posts as sanitised Markdown', async () => {
    const { id } = await createRoomPost(as(invitedPerson), roomId, { body: 'IOC: **evil.example** <script>x()</script>', tlp: 'GREEN' });
    const [post] = await db().select().from(schema.roomPosts).where(eq(schema.roomPosts.id, id));
    expect(post.bodyHtml).toContain('<strong>evil.example</strong>');
    expect(post.bodyHtml).not.toContain('<script');
  });

  it('gives outsiders, removed members and suspended people exactly what a missing room gives, and writes nothing', async () => {
    const removed = await makeUser({ organisation: otherOrg });
    const suspended = await makeUser({ organisation: otherOrg });
    const room = (await createRoom(as(lead), roomInput({ invite: { organisations: [], users: [removed.email, suspended.email] } }))).id;
    expect((await getRoom(as(removed), room)).id).toBe(room);
    await db()
      .update(schema.roomMembers)
      .set({ removedAt: new Date() })
      .where(and(eq(schema.roomMembers.roomId, room), eq(schema.roomMembers.userId, removed.id)));
    await db().update(schema.users).set({ status: 'suspended' }).where(eq(schema.users.id, suspended.id));

    const missing = await errorOf(() => getRoom(as(outsider), randomId()));
    expect(missing).toMatchObject({ name: 'AppError', code: 'not_found', status: 404, message: 'Not found.' });
    const before = await rowCounts();
    for (const who of [outsider, removed, suspended]) {
      expect(await errorOf(() => getRoom(as(who), room)), who.email).toEqual(missing);
      expect(await errorOf(() => createRoomPost(as(who), room, { body: 'let me in', tlp: 'AMBER' })), who.email).toEqual(missing);
      expect(await errorOf(() => createRoomPost(as(who), room, { body: 'bad label too', tlp: 'RED' })), who.email).toEqual(missing);
      expect((await listRooms(as(who))).map((r) => r.id)).not.toContain(room);
    }
    expect(await errorOf(() => getRoom(as(lead), 'not-a-uuid'))).toEqual(missing);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses posts in a closed room with conflict, and from observers', async () => {
    const { id } = await createRoom(as(lead), roomInput());
    await db()
      .update(schema.roomMembers)
      .set({ role: 'observer' })
      .where(and(eq(schema.roomMembers.roomId, id), eq(schema.roomMembers.userId, orgColleague.id)));
    const before = await rowCounts();
    expect(await errorOf(() => createRoomPost(as(orgColleague), id, { body: 'observing', tlp: 'AMBER' }))).toMatchObject({ code: 'conflict' });
    expect((await getRoom(as(orgColleague), id)).canPost).toBe(false);
    await db().update(schema.incidentRooms).set({ status: 'closed', closedAt: new Date() }).where(eq(schema.incidentRooms.id, id));
    for (const who of [lead, invitedPerson]) {
      expect(await errorOf(() => createRoomPost(as(who), id, { body: 'after closing', tlp: 'AMBER' }))).toMatchObject({ code: 'conflict', status: 409 });
      const room = await getRoom(as(who), id);
      expect(room.status).toBe('closed');
      expect(room.canPost).toBe(false);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('listRooms', () => {
  it('lists only the rooms the actor is a current member of', async () => {
    const loner = await makeUser({ role: 'incident_lead' });
    const mine = await createRoom(as(loner), roomInput({ title: 'Loner room', invite: undefined }));
    const theirs = await createRoom(as(lead), roomInput({ title: 'Not for the loner', invite: { organisations: [], users: [invitedPerson.email] } }));
    const listed = await listRooms(as(loner));
    expect(listed.map((r) => r.id)).toEqual([mine.id]);
    expect(listed[0]).toMatchObject({ reference: mine.reference, title: 'Loner room', tlp: 'AMBER', status: 'open' });
    expect((await listRooms(as(invitedPerson))).map((r) => r.id)).toContain(theirs.id);
    expect((await listRooms(as(outsider))).map((r) => r.id)).not.toContain(theirs.id);
    const admin = await makeUser({ role: 'admin' });
    const moderator = await makeUser({ role: 'moderator' });
    expect(await listRooms(as(admin))).toEqual([]);
    expect(await listRooms(as(moderator))).toEqual([]);
  });
});
