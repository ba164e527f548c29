import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { previewFollowUpTexts } from '@/lib/alerts/preview';
import { FOLLOW_UP_TEMPLATE_BODY, MAX_SMS_LENGTH } from '@/lib/alerts/templates';
import type { Actor } from '@/lib/auth/actor';
import { config } from '@/lib/config';
import { publishBulletin } from '@/lib/incidents/bulletins';
import { createRoom } from '@/lib/incidents/create-room';
import { inviteToRoom } from '@/lib/incidents/invitations';
import { removeMember } from '@/lib/incidents/room-membership';
import { listRoomSms } from '@/lib/incidents/room-sms';
import { FAKE_NOTIFY_DEFAULTS, renderSmsTemplate } from '../fakes/fake-notify';
import { actorFor, db, errorOf, makeOrg, makeUser, randomId, rawSql, rowCounts, schema, smsJobs, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

let lead: TestUser;
let alice: TestUser;
let bob: TestUser;
let unverified: TestUser;
let outsider: TestUser;
let org: Awaited<ReturnType<typeof makeOrg>>;
const as = (u: TestUser): Actor => ({ ...actorFor(u), ip: '192.0.2.80' });
const TITLE = 'Ransomware at Eastfield Community Trust';
const SUMMARY = 'BlackCat affiliate encrypted the EPR database servers overnight.';

beforeAll(async () => {
  org = await makeOrg();
  lead = await makeUser({ role: 'incident_lead' });
  alice = await makeUser({ organisation: org, name: 'Alice Member' });
  bob = await makeUser({ name: 'Bob Member' });
  unverified = await makeUser({ mobileVerified: false });
  outsider = await makeUser();
});

async function openAlertingRoom() {
  return createRoom(as(lead), {
    title: TITLE,
    severity: 'critical',
    tlp: 'AMBER',
    summary: SUMMARY,
    publicHeadline: 'Community services disruption',
    invite: { users: [alice.email, bob.email, unverified.email] },
  });
}

async function followUps(roomId: string) {
  return db()
    .select()
    .from(schema.smsMessages)
    .where(and(eq(schema.smsMessages.roomId, roomId), eq(schema.smsMessages.kind, 'follow_up')));
}

describe('follow-up signpost on a bulletin update', () => {
  it('texts everyone already texted, once per number, each with a personal link, in the publishing transaction', async () => {
    const room = await openAlertingRoom();
    const preview = await previewFollowUpTexts(as(lead), room.id, { headline: 'Services restored at two sites' });
    expect(preview).toMatchObject({ people: 2, organisations: 2, summary: 'This will text 2 people in 2 organisations.', problems: [] });
    const [message] = preview.messages;
    expect(message.body).toBe(`Update to the public bulletin for ${room.reference}: Services restored at two sites. Read it: ${config().publicUrl}/a/${'x'.repeat(22)}`);

    const published = await publishBulletin(as(lead), room.id, { headline: 'Services restored at two sites', body: 'Clinics reopen tomorrow.', textEveryone: true });
    expect(published).toMatchObject({ version: 2, texts: 2 });
    const rows = await followUps(room.id);
    expect(rows.map((r) => r.phone).sort()).toEqual([alice.mobile, bob.mobile].sort());
    expect(new Set(rows.map((r) => r.linkToken)).size).toBe(2);
    for (const r of rows) {
      expect(r.bulletinVersion).toBe(2);
      expect(r.templateId).toBe(config().NOTIFY_FOLLOW_UP_TEMPLATE_ID);
      expect(r.body).toBe(`Update to the public bulletin for ${room.reference}: Services restored at two sites. Read it: ${config().publicUrl}/a/${r.linkToken}`);
      // Exactly the preview's length, and what Notify renders from the same template.
      expect(r.body.length).toBe(message.length);
      expect(r.body.length).toBeLessThanOrEqual(MAX_SMS_LENGTH);
      const template = FAKE_NOTIFY_DEFAULTS.templates.find((t) => t.id === r.templateId)!;
      expect(template.body).toBe(FOLLOW_UP_TEMPLATE_BODY);
      expect(renderSmsTemplate(template.body, r.personalisation).body).toBe(r.body);
      expect(r.body).not.toContain('Eastfield');
    }
    const [bulletin] = await rawSql()`select xmin::text as xmin from bulletins where room_id = ${room.id} and version = 2`;
    const xmins = await rawSql()`select distinct xmin::text as xmin from sms_messages where room_id = ${room.id} and kind = 'follow_up'`;
    expect(xmins.map((x) => x.xmin)).toEqual([bulletin.xmin]);
    const jobs = (await smsJobs()).filter((j) => rows.some((r) => r.id === j.smsId));
    expect(jobs.map((j) => j.xmin)).toEqual([bulletin.xmin, bulletin.xmin]);

    // The ledger shows them, by version.
    const ledger = await listRoomSms(as(lead), room.id);
    expect(ledger.filter((t) => t.kind === 'follow_up').map((t) => t.bulletinVersion)).toEqual([2, 2]);
  });

  it('a further update texts each number once more (once per number per version); without the box, nobody', async () => {
    const room = await openAlertingRoom();
    await publishBulletin(as(lead), room.id, { headline: 'Update one', textEveryone: true });
    const before = await rowCounts();
    expect(await publishBulletin(as(lead), room.id, { headline: 'Quiet correction' })).toMatchObject({ version: 3, texts: 0 });
    const after = await rowCounts();
    expect(after.sms_messages).toBe(before.sms_messages);
    expect(after['pgboss.job']).toBe(before['pgboss.job']);
    await publishBulletin(as(lead), room.id, { headline: 'Update two', textEveryone: true });
    const rows = await followUps(room.id);
    const perPhone = new Map<string, number[]>();
    for (const r of rows) perPhone.set(r.phone, [...(perPhone.get(r.phone) ?? []), r.bulletinVersion].sort());
    expect([...perPhone.values()]).toEqual([
      [2, 4],
      [2, 4],
    ]);
  });

  it('leaves out people removed from the room and suspended accounts', async () => {
    const room = await openAlertingRoom();
    const carol = await makeUser({ name: 'Carol Member' });
    const { texts } = await inviteToRoom(as(lead), room.id, { users: [carol.email] });
    expect(texts).toBe(2);
    await removeMember(as(lead), room.id, bob.id);
    await db().update(schema.users).set({ status: 'suspended' }).where(eq(schema.users.id, carol.id));
    expect(await previewFollowUpTexts(as(lead), room.id, { headline: 'Later news' })).toMatchObject({ people: 1 });
    await publishBulletin(as(lead), room.id, { headline: 'Later news', textEveryone: true });
    expect((await followUps(room.id)).map((r) => r.phone)).toEqual([alice.mobile]);
  });

  it('a room nobody was texted for sends no follow-up, and the preview says so', async () => {
    const quiet = await createRoom(as(lead), {
      title: TITLE,
      severity: 'moderate',
      tlp: 'AMBER',
      summary: SUMMARY,
      publicHeadline: 'Community services disruption',
      invite: { users: [alice.email] },
    });
    expect(await previewFollowUpTexts(as(lead), quiet.id, { headline: 'News' })).toMatchObject({ people: 0, summary: 'Nobody has been texted for this room yet, so this update texts nobody.' });
    expect(await publishBulletin(as(lead), quiet.id, { headline: 'News', textEveryone: true })).toMatchObject({ texts: 0 });
    expect(await followUps(quiet.id)).toEqual([]);
  });

  it('refuses a restricted headline, bad input, members and outsiders, writing nothing (no bulletin, no texts)', async () => {
    const room = await openAlertingRoom();
    const before = await rowCounts();
    const leaked = await errorOf(() => publishBulletin(as(lead), room.id, { headline: `Update: ${TITLE}`, textEveryone: true }));
    expect(leaked).toMatchObject({ status: 400, fields: { headline: expect.any(Array) } });
    expect(leaked.message).not.toContain('Eastfield');
    expect(await errorOf(() => publishBulletin(as(lead), room.id, { headline: 'Fine', textEveryone: 'yes' }))).toMatchObject({ status: 400, fields: { textEveryone: expect.any(Array) } });
    expect(await errorOf(() => publishBulletin(as(lead), room.id, { headline: '', textEveryone: true }))).toMatchObject({ status: 400, fields: { headline: expect.any(Array) } });
    expect(await errorOf(() => publishBulletin(as(alice), room.id, { headline: 'Fine', textEveryone: true }))).toMatchObject({ status: 403 });
    const missing = await errorOf(() => publishBulletin(as(outsider), randomId(), { headline: 'Fine', textEveryone: true }));
    expect(await errorOf(() => publishBulletin(as(outsider), room.id, { headline: 'Fine', textEveryone: true }))).toEqual(missing);
    expect(await errorOf(() => previewFollowUpTexts(as(outsider), room.id, { headline: 'Fine' }))).toEqual(missing);
    expect(await errorOf(() => previewFollowUpTexts(as(alice), room.id, { headline: 'Fine' }))).toMatchObject({ status: 403 });
    expect(await rowCounts()).toEqual(before);
    // The preview flags the restricted headline instead of throwing, so the lead sees it while typing.
    const preview = await previewFollowUpTexts(as(lead), room.id, { headline: `Update: ${TITLE}` });
    expect(preview.problems).toEqual(['The headline repeats restricted text from the title or summary: it cannot be published like this.']);
  });
});
