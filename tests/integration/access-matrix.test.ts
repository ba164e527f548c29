import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { listRecentTexts } from '@/lib/alerts/simulated-outbox';
import { getPublicBulletin, publishBulletin } from '@/lib/incidents/bulletins';
import { changeRoomSettings } from '@/lib/incidents/change-room-settings';
import { changeRoomTlp } from '@/lib/incidents/change-room-tlp';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { getRoom } from '@/lib/incidents/get-room';
import { listRooms } from '@/lib/incidents/list-rooms';
import { listRoomSms } from '@/lib/incidents/room-sms';
import { exportRoom } from '@/lib/incidents/export-room';
import { getInvitationPreview, inviteToRoom, listMyInvitations } from '@/lib/incidents/invitations';
import { getRoomForMember } from '@/lib/incidents/get-room';
import { archiveRoom, changeRoomStatus } from '@/lib/incidents/room-lifecycle';
import { listRoomEvents } from '@/lib/incidents/room-events';
import { listRoomAccess } from '@/lib/incidents/room-membership';
import { search } from '@/lib/search';
import { listNotifications } from '@/lib/forum/notifications';
import { listReportQueue } from '@/lib/moderation/list-reports';
import { listStaffActions } from '@/lib/moderation/list-staff-actions';
import { listDirectoryOrganisations, listDirectoryPeople } from '@/lib/people/directory';
import { exportMyData } from '@/lib/people/my-data';
import type { Actor } from '@/lib/auth/actor';
import { actorFor, db, describeError, makeOrg, makeUser, randomId, schema, useTestDatabase, type TestUser } from './harness';

/**
 * Who may do what in an incident room, exhaustively: role × room TLP × action. A unique canary string
 * is planted in each room's title, summary and posts; nothing a refused person gets back may contain it,
 * and every refusal must be indistinguishable from asking for a room that does not exist.
 */
useTestDatabase();

const TLPS = ['AMBER', 'AMBER+STRICT', 'RED'] as const;
type RoomTlp = (typeof TLPS)[number];

const ROLES = [
  'room lead (creator)',
  'invited member',
  'member of an invited organisation',
  'admin invited to the room',
  'admin',
  'moderator',
  'lead of another room',
  'member outsider',
  'removed member',
  'suspended member',
  'invited but not accepted',
] as const;
type RoleName = (typeof ROLES)[number];

const ACTIONS = [
  'read',
  'post',
  'list',
  'archived list',
  'sms ledger',
  'search',
  'subscribe',
  'export',
  'invite',
  'timeline',
  'who can see',
  'change tlp',
  'settings',
  'publish bulletin',
] as const;
type Action = (typeof ACTIONS)[number];
const STATES = ['open', 'closed'] as const;
type RoomState = (typeof STATES)[number];

type Outcome = 'allowed' | 'forbidden' | 'not found' | 'conflict';

function isMember(role: RoleName, tlp: RoomTlp) {
  return (
    role === 'room lead (creator)' ||
    role === 'invited member' ||
    role === 'admin invited to the room' ||
    (role === 'member of an invited organisation' && tlp !== 'RED')
  );
}

/**
 * The expected answer. RED rooms admit named people only, so an organisation's colleague is an outsider
 * there. Outsiders of every kind get the missing-room answer; insiders are refused by role (403) or by the
 * room's state (409: closed rooms are read-only, RED rooms cannot be exported).
 */
function expected(role: RoleName, tlp: RoomTlp, action: Action, state: RoomState = 'open'): Outcome {
  if (!isMember(role, tlp)) return 'not found';
  const manager = role === 'room lead (creator)' || role === 'admin invited to the room';
  switch (action) {
    case 'sms ledger':
      return manager ? 'allowed' : 'forbidden';
    case 'post':
      return state === 'closed' ? 'conflict' : 'allowed';
    case 'export':
      if (!manager) return 'forbidden';
      return tlp === 'RED' ? 'conflict' : 'allowed';
    case 'invite':
    case 'settings':
      if (!manager) return 'forbidden';
      return state === 'closed' ? 'conflict' : 'allowed';
    case 'change tlp':
      // The attempt raises the ceiling one step: AMBER → AMBER+STRICT is allowed (and undone); AMBER+STRICT → RED
      // is refused while organisations are in the room; RED has no higher step, and lowering is refused by its posts.
      if (!manager) return 'forbidden';
      return state === 'closed' || tlp !== 'AMBER' ? 'conflict' : 'allowed';
    case 'publish bulletin':
      return manager ? 'allowed' : 'forbidden';
    // The closed rooms are archived: they leave the active list and appear in the archived view, for members.
    case 'list':
      return state === 'closed' ? 'not found' : 'allowed';
    case 'archived list':
      return state === 'closed' ? 'allowed' : 'not found';
    default:
      return 'allowed';
  }
}

type Room = { id: string; reference: string; canary: string };
const rooms = {} as Record<RoomTlp, Room>;
const closedRooms = {} as Record<RoomTlp, Room>;
const roomsIn = (state: RoomState) => (state === 'open' ? rooms : closedRooms);
const people = {} as Record<RoleName, TestUser>;
let notFound: ReturnType<typeof describeError>;

beforeAll(async () => {
  const leadOrg = await makeOrg({ type: 'other' });
  const affectedOrg = await makeOrg();
  const elsewhere = await makeOrg();
  people['room lead (creator)'] = await makeUser({ role: 'incident_lead', organisation: leadOrg });
  people['invited member'] = await makeUser({ organisation: elsewhere });
  people['member of an invited organisation'] = await makeUser({ organisation: affectedOrg });
  people['admin invited to the room'] = await makeUser({ role: 'admin', organisation: leadOrg });
  people.admin = await makeUser({ role: 'admin', organisation: leadOrg });
  people.moderator = await makeUser({ role: 'moderator', organisation: leadOrg });
  people['lead of another room'] = await makeUser({ role: 'incident_lead', organisation: elsewhere });
  people['member outsider'] = await makeUser({ organisation: elsewhere });
  people['removed member'] = await makeUser({ organisation: elsewhere });
  people['suspended member'] = await makeUser({ organisation: elsewhere });
  people['invited but not accepted'] = await makeUser({ organisation: elsewhere });

  const lead = actorFor(people['room lead (creator)']);
  for (const [state, target] of [['open', rooms], ['closed', closedRooms]] as const)
  for (const tlp of TLPS) {
    const canary = `CANARY${randomBytes(6).toString('hex').toUpperCase()}`;
    const { id, reference } = await createRoom(lead, {
      title: `Extortion note ${canary} received by the trust board`,
      severity: 'critical',
      tlp,
      summary: `Threat actor quoted ${canary} from the stolen finance files.`,
      publicHeadline: 'Cyber incident affecting an NHS organisation',
      invite: {
        organisations: tlp === 'RED' ? [] : [affectedOrg.odsCode],
        users: ['invited member', 'admin invited to the room', 'removed member', 'suspended member'].map((r) => people[r as RoleName].email),
      },
    });
    await createRoomPost(lead, id, { body: `Indicator from the lead: ${canary}.example.org`, tlp });
    await createRoomPost(actorFor(people['invited member']), id, { body: `Seen ${canary} on our proxy too`, tlp: 'AMBER' });
    await inviteToRoom(lead, id, { users: [people['invited but not accepted'].email] });
    if (state === 'closed') {
      await changeRoomStatus(lead, id, { status: 'closed' });
      await archiveRoom(lead, id);
    }
    target[tlp] = { id, reference, canary };
  }
  // The other lead has a room of their own, which makes them a lead — just not of these rooms.
  await createRoom(actorFor(people['lead of another room']), {
    title: 'Unrelated outage',
    severity: 'low',
    tlp: 'AMBER',
    summary: 'Nothing to do with the others.',
    publicHeadline: 'Outage',
  });
  await db()
    .update(schema.roomMembers)
    .set({ removedAt: new Date() })
    .where(eq(schema.roomMembers.userId, people['removed member'].id));
  await db().update(schema.users).set({ status: 'suspended' }).where(eq(schema.users.id, people['suspended member'].id));

  notFound = describeError(await getRoom(lead, randomId()).catch((e: unknown) => e));
  expect(notFound).toMatchObject({ code: 'not_found', status: 404 });
});

let inviteeCounter = 0;
let settingsCounter = 0;

async function attempt(actor: Actor, action: Action, room: Room): Promise<{ outcome: Outcome; seen: unknown }> {
  const run = async () => {
    switch (action) {
      case 'search':
        return search(actor, { q: room.canary });
      case 'subscribe':
        // The socket's subscribe handler joins an incident room only if this use case answers.
        return getRoomForMember(actor, room.id);
      case 'export':
        return exportRoom(actor, room.id, { format: 'html' });
      case 'invite': {
        const fresh = await makeUser({ email: `matrix.invitee.${++inviteeCounter}.${randomBytes(3).toString('hex')}@test.nhs.uk` });
        return inviteToRoom(actor, room.id, { users: [fresh.email] });
      }
      case 'timeline':
        return listRoomEvents(actor, room.id);
      case 'who can see':
        return listRoomAccess(actor, room.id);
      case 'read':
        return getRoom(actor, room.id);
      case 'post':
        return createRoomPost(actor, room.id, { body: 'A reply from the matrix test', tlp: 'AMBER' });
      case 'list':
        return listRooms(actor);
      case 'archived list':
        return listRooms(actor, { view: 'archived' });
      case 'change tlp': {
        const current = (await getRoomForMember(actor, room.id)).room.tlp;
        const higher = current === 'AMBER' ? 'AMBER+STRICT' : current === 'AMBER+STRICT' ? 'RED' : 'AMBER+STRICT';
        const changed = await changeRoomTlp(actor, room.id, { tlp: higher });
        // Put the ceiling back so every other case sees the room as it was set up.
        await changeRoomTlp(actor, room.id, { tlp: current });
        return changed;
      }
      case 'settings':
        return changeRoomSettings(actor, room.id, { updateIntervalMinutes: 15 + ++settingsCounter });
      case 'publish bulletin':
        // The same public headline, so the bulletin still reads as set up; everyone texted gets a follow-up.
        return publishBulletin(actor, room.id, { headline: 'Cyber incident affecting an NHS organisation', textEveryone: true });
      case 'sms ledger':
        return listRoomSms(actor, room.id);
    }
  };
  try {
    const result = await run();
    if (action === 'list' || action === 'archived list') {
      const listed = (result as { id: string }[]).some((r) => r.id === room.id);
      return { outcome: listed ? 'allowed' : 'not found', seen: result };
    }
    if (action === 'search') {
      // The answer echoes the query (the canary itself): only the results are what the searcher learns.
      const { results } = result as { results: unknown[] };
      return { outcome: results.length > 0 ? 'allowed' : 'not found', seen: results };
    }
    return { outcome: 'allowed', seen: result };
  } catch (error) {
    const seen = describeError(error);
    const code = (seen as { code?: string }).code;
    if (code === 'forbidden') return { outcome: 'forbidden', seen };
    if (code === 'conflict') return { outcome: 'conflict', seen };
    if (code === 'not_found') {
      // A refusal must look exactly like a room that does not exist.
      expect(seen).toEqual(notFound);
      return { outcome: 'not found', seen };
    }
    throw error;
  }
}

const cases = ROLES.flatMap((role) =>
  STATES.flatMap((state) => TLPS.flatMap((tlp) => ACTIONS.map((action) => ({ role, state, tlp, action, want: expected(role, tlp, action, state) })))),
);

describe('incident room access', () => {
  it.each(cases)('$role · $state $tlp · $action → $want', async ({ role, state, tlp, action, want }) => {
    const room = roomsIn(state)[tlp];
    const { outcome, seen } = await attempt(actorFor(people[role]), action, room);
    expect(outcome).toBe(want);
    const text = JSON.stringify(seen);
    if (want !== 'allowed') expect(text).not.toContain(room.canary);
    // No answer to anyone leaks another room's canary either.
    for (const s of STATES) {
      for (const other of TLPS) {
        const o = roomsIn(s)[other];
        if (o.id !== room.id && expected(role, other, 'read') !== 'allowed') expect(text).not.toContain(o.canary);
      }
    }
    if (want === 'allowed' && (action === 'read' || action === 'search' || action === 'export')) expect(text).toContain(room.canary);
  });
});

describe('invited but not accepted', () => {
  it('sees only the public fields of the open rooms they are invited to — never a canary', async () => {
    const invitee = actorFor(people['invited but not accepted']);
    const mine = await listMyInvitations(invitee);
    expect(mine.map((i) => i.roomId).sort()).toEqual(TLPS.map((t) => rooms[t].id).sort());
    for (const tlp of TLPS) {
      const preview = await getInvitationPreview(invitee, rooms[tlp].id);
      expect(Object.keys(preview).sort()).toEqual(
        ['createdAt', 'expiresAt', 'id', 'inviterName', 'kind', 'organisationName', 'publicHeadline', 'reference', 'roomId', 'severity', 'tlp'].sort(),
      );
      // A closed room takes no new members: its invitation is no longer shown.
      expect(describeError(await getInvitationPreview(invitee, closedRooms[tlp].id).catch((e: unknown) => e))).toEqual(notFound);
    }
    const text = JSON.stringify(mine);
    for (const tlp of TLPS) {
      expect(text).not.toContain(rooms[tlp].canary);
      expect(text).not.toContain(closedRooms[tlp].canary);
    }
    // Nobody else gets a preview.
    for (const role of ['member outsider', 'admin', 'moderator', 'removed member'] as const) {
      expect(describeError(await getInvitationPreview(actorFor(people[role]), rooms.AMBER.id).catch((e: unknown) => e))).toEqual(notFound);
      expect(await listMyInvitations(actorFor(people[role]))).toEqual([]);
    }
  });
});

describe('surfaces outside the room', () => {
  it('the public bulletin carries no canary', async () => {
    for (const tlp of TLPS) {
      const bulletin = await getPublicBulletin(rooms[tlp].reference);
      expect(bulletin.headline).toBe('Cyber incident affecting an NHS organisation');
      expect(JSON.stringify(bulletin)).not.toContain(rooms[tlp].canary);
    }
  });

  it('no text message, in the admin outbox or the database, carries a canary', async () => {
    const outbox = await listRecentTexts(actorFor(people.admin));
    expect(outbox.texts.length).toBeGreaterThan(0);
    const stored = await db().select().from(schema.smsMessages);
    for (const tlp of TLPS) {
      expect(JSON.stringify(outbox)).not.toContain(rooms[tlp].canary);
      expect(JSON.stringify(stored)).not.toContain(rooms[tlp].canary);
    }
  });

  it('a removed member’s SMS rows, written before removal, stay but the ledger is closed to them (and no bulletin follow-up reaches them)', async () => {
    const removed = people['removed member'];
    const rows = await db()
      .select()
      .from(schema.smsMessages)
      .where(and(eq(schema.smsMessages.roomId, rooms.AMBER.id), eq(schema.smsMessages.userId, removed.id)));
    expect(rows).toHaveLength(2);
    const error = await listRoomSms(actorFor(removed), rooms.AMBER.id).catch(describeError);
    expect(error).toEqual(notFound);
  });

  it('a person\u2019s own data export carries room text only from posts they wrote in non-RED rooms they still belong to', async () => {
    // A post carries its room's title (with the canary). TLP:RED rooms and posts are never exported, nor rooms left.
    for (const role of ROLES) {
      if (role === 'suspended member') continue; // a suspended person cannot sign in to ask
      const text = JSON.stringify(await exportMyData(actorFor(people[role])));
      const wroteIn = new Set(
        (await db().select({ roomId: schema.roomPosts.roomId }).from(schema.roomPosts).where(eq(schema.roomPosts.authorId, people[role].id))).map((r) => r.roomId),
      );
      for (const state of STATES) {
        for (const tlp of TLPS) {
          const room = roomsIn(state)[tlp];
          expect(text.includes(room.canary), `${role} · ${state} ${tlp}`).toBe(wroteIn.has(room.id) && tlp !== 'RED' && isMember(role, tlp));
        }
      }
    }
  });

  it('notifications, the directory, the report queue and the staff log carry no room text, whoever asks', async () => {
    for (const role of ROLES) {
      if (role === 'suspended member') continue;
      const actor = actorFor(people[role]);
      const seen: unknown[] = [await listNotifications(actor), await listDirectoryPeople(actor), await listDirectoryOrganisations(actor)];
      if (role === 'moderator' || role === 'admin') seen.push(await listReportQueue(actor), await listStaffActions(actor));
      const text = JSON.stringify(seen);
      expect(text, role).not.toMatch(/CANARY/);
    }
  });

  it('the admin outbox is for admins only', async () => {
    for (const role of ['moderator', 'room lead (creator)', 'member outsider'] as const) {
      const error = await listRecentTexts(actorFor(people[role])).catch(describeError);
      expect(error).toMatchObject({ code: 'forbidden' });
      expect(JSON.stringify(error)).not.toMatch(/CANARY/);
    }
  });
});
