import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as peopleRoute } from '@/app/api/v1/directory/people/route';
import type { Actor } from '@/lib/auth/actor';
import { createRoom } from '@/lib/incidents/create-room';
import { listDirectoryOrganisations, listDirectoryPeople } from '@/lib/people/directory';
import { getMyProfile, updateMyProfile } from '@/lib/people/profile';
import { actorFor, db, errorOf, makeOrg, makeUser, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

/** Directories: active members only, each profile field shown to the audience its owner chose. */
useTestDatabase();

let orgA: typeof schema.organisations.$inferSelect;
let orgB: typeof schema.organisations.$inferSelect;
let owner: TestUser;
let ownerActor: Actor;
let colleague: Actor;
let outsider: Actor;
let moderator: Actor;

beforeAll(async () => {
  orgA = await makeOrg({ odsCode: 'DIRA1', name: 'Directory Acute Trust', type: 'acute_trust' });
  orgB = await makeOrg({ odsCode: 'DIRB1', name: 'Directory Ambulance Service', type: 'ambulance_trust' });
  await db().update(schema.organisations).set({ region: 'North East' }).where(eq(schema.organisations.id, orgA.id));
  await db().update(schema.organisations).set({ region: 'London' }).where(eq(schema.organisations.id, orgB.id));
  owner = await makeUser({ organisation: orgA, name: 'Olive Owner', mobile: '+447700900555' });
  ownerActor = actorFor(owner);
  colleague = actorFor(await makeUser({ organisation: orgA, name: 'Colin Colleague' }));
  outsider = actorFor(await makeUser({ organisation: orgB, name: 'Otto Outsider' }));
  moderator = actorFor(await makeUser({ organisation: orgB, role: 'moderator', name: 'Mona Moderator' }));
  await updateMyProfile(ownerActor, {
    jobRole: 'Head of cyber security',
    bio: 'Runs the trust SOC.',
    visibility: { jobRole: 'members', bio: 'organisation', email: 'staff', mobile: 'organisation' },
  });
});

const ownerAs = async (viewer: Actor) => (await listDirectoryPeople(viewer, { q: 'Olive Owner' })).find((p) => p.id === owner.id)!;

describe('profile visibility, one audience at a time', () => {
  it('every member sees `members` fields only', async () => {
    expect(await ownerAs(outsider)).toMatchObject({ name: 'Olive Owner', jobRole: 'Head of cyber security', bio: null, email: null, mobile: null, organisation: 'Directory Acute Trust' });
  });
  it('colleagues in the organisation also see `organisation` fields', async () => {
    expect(await ownerAs(colleague)).toMatchObject({ jobRole: 'Head of cyber security', bio: 'Runs the trust SOC.', email: null, mobile: '+447700900555' });
  });
  it('staff see every field, including `staff` ones', async () => {
    expect(await ownerAs(moderator)).toMatchObject({ jobRole: 'Head of cyber security', bio: 'Runs the trust SOC.', email: owner.email, mobile: '+447700900555' });
  });
  it('the owner sees everything of their own', async () => {
    expect(await ownerAs(ownerActor)).toMatchObject({ email: owner.email, bio: 'Runs the trust SOC.' });
  });
  it('the organisation directory applies the same rules', async () => {
    const { organisations } = await listDirectoryOrganisations(outsider, { type: 'acute_trust' });
    const listed = organisations.find((o) => o.odsCode === 'DIRA1')!.members.find((m) => m.id === owner.id)!;
    expect(listed).toMatchObject({ jobRole: 'Head of cyber security', bio: null, email: null, mobile: null });
  });
  it('changing the choice changes what others see', async () => {
    await updateMyProfile(ownerActor, { visibility: { email: 'members' } });
    expect((await ownerAs(outsider)).email).toBe(owner.email);
    expect((await getMyProfile(ownerActor)).visibility).toEqual({ jobRole: 'members', bio: 'organisation', email: 'members', mobile: 'organisation' });
    await updateMyProfile(ownerActor, { visibility: { email: 'staff' } });
    expect((await ownerAs(outsider)).email).toBeNull();
  });
  it('refuses an unknown audience or field with a 400 and changes nothing', async () => {
    const before = await rowCounts();
    const beforeProfile = await getMyProfile(ownerActor);
    for (const raw of [{ visibility: { email: 'everyone' } }, { visibility: { shoeSize: 'members' } }, { bio: 'x'.repeat(2001) }]) {
      expect((await errorOf(() => updateMyProfile(ownerActor, raw))).status).toBe(400);
    }
    expect(await rowCounts()).toEqual(before);
    expect(await getMyProfile(ownerActor)).toEqual(beforeProfile);
  });
  it('hidden fields are not searchable', async () => {
    expect(await listDirectoryPeople(outsider, { q: 'Runs the trust' })).toEqual([]);
    expect(await listDirectoryPeople(outsider, { q: owner.email })).toEqual([]);
  });
});

describe('who is listed', () => {
  it('suspended and closed accounts are not listed anywhere', async () => {
    const suspended = await makeUser({ organisation: orgA, name: 'Sid Suspended', status: 'suspended' });
    const closed = await makeUser({ organisation: orgA, name: 'Cleo Closed', status: 'closed' });
    const people = await listDirectoryPeople(colleague);
    expect(people.map((p) => p.id)).not.toContain(suspended.id);
    expect(people.map((p) => p.id)).not.toContain(closed.id);
    const { organisations } = await listDirectoryOrganisations(colleague);
    const members = organisations.find((o) => o.odsCode === 'DIRA1')!.members.map((m) => m.id);
    expect(members).toContain(owner.id);
    expect(members).not.toContain(suspended.id);
    expect(members).not.toContain(closed.id);
  });

  it('filters organisations by type and region', async () => {
    const byType = await listDirectoryOrganisations(colleague, { type: 'ambulance_trust' });
    expect(byType.organisations.map((o) => o.odsCode)).toEqual(['DIRB1']);
    const byRegion = await listDirectoryOrganisations(colleague, { region: 'North East' });
    expect(byRegion.organisations.map((o) => o.odsCode)).toEqual(['DIRA1']);
    expect(byRegion.filters.regions).toEqual(expect.arrayContaining(['London', 'North East']));
    expect((await errorOf(() => listDirectoryOrganisations(colleague, { type: 'castle' }))).status).toBe(400);
  });

  it('never reveals incident-room membership', async () => {
    const lead = await makeUser({ organisation: orgA, role: 'incident_lead', name: 'Lena Lead' });
    await createRoom(actorFor(lead), {
      title: 'DIRECTORY-CANARY ransomware',
      severity: 'low',
      tlp: 'AMBER',
      summary: 'DIRECTORY-CANARY summary',
      publicHeadline: 'A headline',
      invite: { users: [owner.email] },
    });
    const text = JSON.stringify([await listDirectoryPeople(outsider), await listDirectoryOrganisations(outsider), await listDirectoryPeople(moderator)]);
    expect(text).not.toContain('DIRECTORY-CANARY');
    expect(text).not.toMatch(/room/i);
  });

  it('the API needs a session', async () => {
    const res = await peopleRoute(new NextRequest('http://localhost:3000/api/v1/directory/people'), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
  });
});
