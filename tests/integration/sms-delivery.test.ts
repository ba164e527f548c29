import net from 'node:net';
import { eq, inArray } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { POST as notifyCallback } from '@/app/api/notify/callback/route';
import { GET as shortLink } from '@/app/a/[token]/route';
import { GET as bulletinFeed } from '@/app/bulletins/feed.xml/route';
import { acknowledgeRoom } from '@/lib/alerts/acknowledge';
import { addOrganisationContact, listOrganisationContacts } from '@/lib/alerts/contacts';
import { escalateIfUnacknowledged } from '@/lib/alerts/escalate';
import { organisationLedger } from '@/lib/alerts/org-ledger';
import { openShortLink as openShortLinkFor } from '@/lib/alerts/short-link';
import { deliverSms, RetryLater } from '@/lib/alerts/deliver-sms';
import { createSmsGateway, type SmsGateway } from '@/lib/alerts/notify-client';
import { pollMissingReceipts } from '@/lib/alerts/poll-receipts';
import { applyNotifyStatus } from '@/lib/alerts/receipts';
import { PREVIEW_LINK_TOKEN, previewRoomTexts } from '@/lib/alerts/preview';
import { resendFailedTexts } from '@/lib/alerts/resend';
import { processSmsReplies } from '@/lib/alerts/sms-replies';
import { getSendingState, pauseSending, resumeSending } from '@/lib/alerts/sending-controls';
import { sweepQueuedTexts } from '@/lib/alerts/sweeper';
import { startSmsWorker } from '@/lib/alerts/worker';
import type { Actor } from '@/lib/auth/actor';
import { config, setRuntimeEnv } from '@/lib/config';
import { createRoom } from '@/lib/incidents/create-room';
import { startBoss, stopBoss } from '@/lib/jobs';
import { FAKE_NOTIFY_DEFAULTS, FakeNotify } from '../fakes/fake-notify';
import { actorFor, db, errorOf, makeOrg, makeUser, nextMobile, rawSql, rowCounts, schema, smsJobs, useTestDatabase, type TestUser, openCriticalRoom } from './harness';

/**
 * Delivery end to end through pg-boss against the fake Notify: faults retried and each text sent once,
 * pause/resume, the sweeper, delivery receipts (callback and polling).
 */
useTestDatabase();

type SmsRow = typeof schema.smsMessages.$inferSelect;

let lead: TestUser;
let leadActor: Actor;
let adminActor: Actor;
const fake = new FakeNotify({ ...FAKE_NOTIFY_DEFAULTS, templates: [...FAKE_NOTIFY_DEFAULTS.templates] });
let gateway: SmsGateway;

beforeAll(async () => {
  lead = await makeUser({ role: 'incident_lead' });
  leadActor = actorFor(lead);
  adminActor = actorFor(await makeUser({ role: 'admin' }));
  await fake.start();
  gateway = createSmsGateway({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 400 });
});

afterAll(async () => {
  await stopBoss();
  await fake.stop();
});

beforeEach(() => fake.reset());

async function openRoomFor(count: number) {
  const people = await Promise.all(Array.from({ length: count }, () => makeUser()));
  const room = await openCriticalRoom(leadActor, people.map((p) => p.email));
  return { room, people };
}

const smsOf = (roomId: string) => db().select().from(schema.smsMessages).where(eq(schema.smsMessages.roomId, roomId));
const smsById = async (id: string): Promise<SmsRow> => (await db().select().from(schema.smsMessages).where(eq(schema.smsMessages.id, id)))[0];
const sends = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/notifications/sms');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(150);
  }
  throw new Error('timed out waiting');
}

function expectEachOnce(rows: SmsRow[]) {
  for (const row of rows) {
    expect(fake.received.filter((r) => r.reference === row.id), `${row.kind} ${row.id}`).toHaveLength(1);
    expect(row.notifyId).toBe(fake.received.find((r) => r.reference === row.id)!.id);
  }
  // Nothing else went to these numbers (earlier tests' stragglers go to other numbers).
  const phones = new Set(rows.map((r) => r.phone));
  expect(fake.received.filter((r) => phones.has(r.normalisedPhoneNumber))).toHaveLength(rows.length);
}

describe('the worker against a failing Notify', () => {
  beforeAll(async () => {
    const boss = await startBoss(config().DATABASE_URL!);
    await startSmsWorker(boss, gateway, { schedules: false });
  });

  it('retries 500s, an HTML 502, a timeout, a reset and a lost answer, and delivers each text exactly once', { timeout: 90_000 }, async () => {
    fake.injectFaults(
      { kind: 'status', status: 500, times: 2 },
      { kind: 'status', status: 502, html: true, times: 1 },
      { kind: 'timeout', times: 1, delayMs: 1_500 },
      { kind: 'reset', times: 1 },
      { kind: 'accept-then-drop', times: 1 },
      { kind: 'rate-limit', times: 2 },
    );
    const { room } = await openRoomFor(4);
    await waitFor(async () => (await smsOf(room.id)).every((r) => r.status !== 'queued'), 80_000);
    const rows = await smsOf(room.id);
    expect(rows).toHaveLength(8);
    expect(rows.map((r) => r.status)).toEqual(Array(8).fill('sending'));
    expectEachOnce(rows);
    // The faults really happened, and were retried.
    expect(fake.requests.filter((r) => r.fault).map((r) => r.fault).sort()).toEqual(
      ['accept-then-drop', 'rate-limit', 'rate-limit', 'reset', 'status', 'status', 'status', 'timeout'].sort(),
    );
    expect(rows.some((r) => r.attempts > 1)).toBe(true);
    for (const person of new Set(rows.map((r) => r.phone))) {
      const order = fake.received.filter((r) => r.phoneNumber === person).map((r) => r.templateId);
      expect(order).toEqual([config().NOTIFY_ALERT_TEMPLATE_ID, config().NOTIFY_SIGNPOST_TEMPLATE_ID]);
    }
  });

  it('retries refused connections (Notify down) and sends once Notify is back', { timeout: 60_000 }, async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const down = createSmsGateway({ apiKey: fake.apiKey, baseUrl: `http://127.0.0.1:${closedPort}`, timeoutMs: 400 });
    await stopBoss(); // drive this one by hand
    const { room } = await openRoomFor(1);
    const alert = (await smsOf(room.id)).find((r) => r.kind === 'alert')!;
    for (let i = 1; i <= 2; i++) {
      // The second time it cannot even ask whether the first got through, so it does not send.
      await expect(deliverSms(alert.id, down)).rejects.toBeInstanceOf(RetryLater);
      expect(await smsById(alert.id)).toMatchObject({ status: 'queued', attempts: 1, claimedUntil: null });
    }
    expect(await deliverSms(alert.id, gateway)).toBe('accepted');
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/v2/notifications')).toBe(true);
    expect(fake.received.filter((r) => r.reference === alert.id)).toHaveLength(1);
  });
});

describe('pausing and resuming all sending', () => {
  it('is for admins only', async () => {
    expect(await errorOf(() => pauseSending(leadActor))).toMatchObject({ code: 'forbidden' });
    expect(await errorOf(() => resumeSending(leadActor))).toMatchObject({ code: 'forbidden' });
  });

  it('queues everything while paused and sends each text once after resuming', { timeout: 60_000 }, async () => {
    expect((await pauseSending(adminActor)).paused).toBe(true);
    const boss = await startBoss(config().DATABASE_URL!);
    await startSmsWorker(boss, gateway, { schedules: false });
    const { room } = await openRoomFor(5);
    await sleep(2_500);
    let rows = await smsOf(room.id);
    expect(rows.map((r) => r.status)).toEqual(Array(10).fill('queued'));
    expect(fake.received.filter((r) => rows.some((row) => row.id === r.reference))).toHaveLength(0);
    // The alerts' jobs ran and found sending paused: nothing is lost, the rows are simply still queued.
    const jobs = (await smsJobs()).filter((j) => rows.some((r) => r.id === j.smsId));
    expect(jobs.every((j) => j.state === 'completed')).toBe(true);

    expect((await resumeSending(adminActor)).paused).toBe(false);
    await waitFor(async () => (await smsOf(room.id)).every((r) => r.status === 'sending'));
    rows = await smsOf(room.id);
    expectEachOnce(rows);
    const audit = await db().select().from(schema.auditEvents).where(inArray(schema.auditEvents.action, ['sms.pause', 'sms.resume']));
    expect(audit.map((a) => a.action)).toEqual(['sms.pause', 'sms.resume']);
  });
});

describe('the sweeper', () => {
  it('re-enqueues queued texts whose job was lost, alerts before signposts, and never sends twice', { timeout: 60_000 }, async () => {
    await stopBoss();
    const { room } = await openRoomFor(2);
    const rows = await smsOf(room.id);
    // Lose every job (as if the process died between commit and pick-up and the job table was cleaned).
    await rawSql()`delete from pgboss.job where name = 'sms-send' and data->>'smsId' = any(${rows.map((r) => r.id)})`;
    expect(await sweepQueuedTexts()).toEqual({ requeued: 2, blocked: false });
    const swept = (await smsJobs()).filter((j) => rows.some((r) => r.id === j.smsId));
    expect(swept.map((j) => j.smsId).sort()).toEqual(rows.filter((r) => r.kind === 'alert').map((r) => r.id).sort());
    // A second sweep finds live jobs: nothing more.
    expect(await sweepQueuedTexts()).toEqual({ requeued: 0, blocked: false });

    // Two jobs for one text (a sweep racing a retry) still send it once.
    const alert = rows.find((r) => r.kind === 'alert')!;
    const outcomes = await Promise.all([deliverSms(alert.id, gateway), deliverSms(alert.id, gateway)]);
    expect(outcomes.sort()).toEqual(['accepted', 'already-handled']);
    expect(fake.received.filter((r) => r.reference === alert.id)).toHaveLength(1);

    const boss = await startBoss(config().DATABASE_URL!);
    await startSmsWorker(boss, gateway, { schedules: false });
    await waitFor(async () => (await smsOf(room.id)).every((r) => r.status === 'sending'));
    expectEachOnce(await smsOf(room.id));
  });

  it('leaves the signpost of a failed alert alone (re-sending the alert sends it)', async () => {
    await stopBoss();
    const { room } = await openRoomFor(1);
    const rows = await smsOf(room.id);
    const alert = rows.find((r) => r.kind === 'alert')!;
    const signpost = rows.find((r) => r.kind === 'signpost')!;
    await rawSql()`delete from pgboss.job where name = 'sms-send' and data->>'smsId' = ${alert.id}`;
    await db().update(schema.smsMessages).set({ status: 'failed', failureReason: 'Gave up' }).where(eq(schema.smsMessages.id, alert.id));
    expect(await sweepQueuedTexts()).toEqual({ requeued: 0, blocked: false });
    expect((await smsJobs()).filter((j) => j.smsId === signpost.id)).toHaveLength(0);
  });

  it('does nothing while sending is paused', async () => {
    await pauseSending(adminActor);
    expect(await sweepQueuedTexts()).toEqual({ requeued: 0, blocked: true });
    await resumeSending(adminActor);
    expect((await getSendingState()).paused).toBe(false);
  });
});

describe('delivery receipts', () => {
  async function sentAlert() {
    await stopBoss();
    const { room } = await openRoomFor(1);
    const alert = (await smsOf(room.id)).find((r) => r.kind === 'alert')!;
    expect(await deliverSms(alert.id, gateway)).toBe('accepted');
    return smsById(alert.id);
  }

  function receipt(sms: SmsRow, status: string, extra: Record<string, unknown> = {}) {
    return {
      id: sms.notifyId,
      reference: sms.id,
      to: sms.phone,
      status,
      created_at: '2026-11-28T12:00:00.000000Z',
      completed_at: '2026-11-28T12:00:05.000000Z',
      sent_at: '2026-11-28T12:00:01.000000Z',
      notification_type: 'sms',
      template_id: sms.templateId,
      template_version: 1,
      ...extra,
    };
  }

  const TOKEN = 'callback-token-0123456789abcdef';
  function post(body: unknown, authorization: string | null = `Bearer ${TOKEN}`) {
    const headers = new Headers({ 'content-type': 'application/json' });
    if (authorization) headers.set('authorization', authorization);
    return notifyCallback(new NextRequest('http://localhost:3000/api/notify/callback', { method: 'POST', headers, body: JSON.stringify(body) }));
  }
  function withToken(token: string | undefined) {
    if (token) process.env.NOTIFY_CALLBACK_TOKEN = token;
    else delete process.env.NOTIFY_CALLBACK_TOKEN;
    setRuntimeEnv({});
  }

  it('the callback is off (404) without NOTIFY_CALLBACK_TOKEN and refuses a wrong or missing token (401)', async () => {
    const sms = await sentAlert();
    withToken(undefined);
    expect((await post(receipt(sms, 'delivered'))).status).toBe(404);
    withToken(TOKEN);
    expect((await post(receipt(sms, 'delivered'), null)).status).toBe(401);
    expect((await post(receipt(sms, 'delivered'), `Bearer ${TOKEN}x`)).status).toBe(401);
    expect((await post(receipt(sms, 'delivered'), `Basic ${TOKEN}`)).status).toBe(401);
    expect((await post(receipt(sms, 'delivered'), 'Bearer ')).status).toBe(401);
    expect((await smsById(sms.id)).status).toBe('sending');
    const bad = await post({ ...receipt(sms, 'delivered'), status: 'lost-in-space' });
    expect(bad.status).toBe(400);
    expect((await smsById(sms.id)).status).toBe('sending');
  });

  it('records delivered; a duplicate and a late “sending” leave it delivered', async () => {
    withToken(TOKEN);
    const sms = await sentAlert();
    const first = await post(receipt(sms, 'delivered'));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ outcome: 'applied' });
    const row = await smsById(sms.id);
    expect(row).toMatchObject({ status: 'delivered', notifyStatus: 'delivered', failureReason: null });
    expect(row.completedAt?.toISOString()).toBe('2026-11-28T12:00:05.000Z');
    expect(await (await post(receipt(sms, 'delivered'))).json()).toEqual({ outcome: 'ignored' });
    expect(await (await post(receipt(sms, 'sending'))).json()).toEqual({ outcome: 'ignored' });
    expect(await (await post(receipt(sms, 'permanent-failure'))).json()).toEqual({ outcome: 'ignored' });
    expect(await smsById(sms.id)).toMatchObject({ status: 'delivered', notifyStatus: 'delivered' });
  });

  it('maps failures to failed with a reason, and a final failure is not moved by a later receipt', async () => {
    withToken(TOKEN);
    for (const [status, reason] of [
      ['permanent-failure', /permanent failure.*do not re-send/],
      ['temporary-failure', /temporary failure/],
      ['technical-failure', /technical failure.*safe to re-send/],
    ] as const) {
      const sms = await sentAlert();
      expect((await post(receipt(sms, 'sending'))).status).toBe(200);
      expect(await smsById(sms.id)).toMatchObject({ status: 'sending', notifyStatus: 'sending' });
      await post(receipt(sms, status));
      await post(receipt(sms, 'delivered'));
      const row = await smsById(sms.id);
      expect(row).toMatchObject({ status: 'failed', notifyStatus: status });
      expect(row.failureReason).toMatch(reason);
    }
  });

  it('a receipt for an unknown notification is acknowledged and changes nothing', async () => {
    withToken(TOKEN);
    const sms = await sentAlert();
    const res = await post(receipt(sms, 'delivered', { id: '00000000-0000-4000-8000-000000000001', reference: null }));
    expect(await res.json()).toEqual({ outcome: 'unknown' });
    expect((await smsById(sms.id)).status).toBe('sending');
  });

  it('a receipt that arrives while the hand-over answer was lost settles the text and queues its signpost', async () => {
    await stopBoss();
    const { room } = await openRoomFor(1);
    const rows = await smsOf(room.id);
    const alert = rows.find((r) => r.kind === 'alert')!;
    const signpost = rows.find((r) => r.kind === 'signpost')!;
    fake.injectFaults({ kind: 'accept-then-drop', times: 1 });
    await expect(deliverSms(alert.id, gateway)).rejects.toBeInstanceOf(RetryLater);
    const notifyId = fake.received.find((r) => r.reference === alert.id)!.id;
    expect(await applyNotifyStatus({ id: notifyId, reference: alert.id, status: 'delivered' })).toBe('applied');
    expect(await smsById(alert.id)).toMatchObject({ status: 'delivered', notifyId });
    expect((await smsJobs()).filter((j) => j.smsId === signpost.id)).toHaveLength(1);
    expect(await deliverSms(alert.id, gateway)).toBe('already-handled');
    expect(sends()).toHaveLength(1);
  });

  it('texts with no receipt after 10 minutes are polled with getNotificationById', async () => {
    const sms = await sentAlert();
    const recent = await sentAlert();
    fake.setStatus(sms.notifyId!, 'delivered');
    fake.setStatus(recent.notifyId!, 'delivered');
    await db().update(schema.smsMessages).set({ sentAt: new Date(Date.now() - 11 * 60_000) }).where(eq(schema.smsMessages.id, sms.id));
    const result = await pollMissingReceipts(gateway);
    expect(result).toEqual({ polled: 1, applied: 1 });
    expect(await smsById(sms.id)).toMatchObject({ status: 'delivered', notifyStatus: 'delivered' });
    expect((await smsById(recent.id)).status).toBe('sending');
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path === `/v2/notifications/${sms.notifyId}`)).toHaveLength(1);
    // Polled once: not asked again for another 10 minutes.
    expect(await pollMissingReceipts(gateway)).toEqual({ polled: 0, applied: 0 });
  });
});

describe('re-sending to the failed', () => {
  it('resets failed texts to a new attempt series, sends each once more, skips permanent failures, and audits it', { timeout: 30_000 }, async () => {
    await stopBoss();
    const { room, people } = await openRoomFor(3);
    for (const row of (await smsOf(room.id)).filter((r) => r.kind === 'alert')) expect(await deliverSms(row.id, gateway)).toBe('accepted');
    const alerts = (await smsOf(room.id)).filter((r) => r.kind === 'alert');
    const [technical, permanent, fine] = alerts;
    await applyNotifyStatus({ id: technical.notifyId!, status: 'technical-failure' });
    await applyNotifyStatus({ id: permanent.notifyId!, status: 'permanent-failure' });
    await applyNotifyStatus({ id: fine.notifyId!, status: 'delivered' });
    const outsider = actorFor(await makeUser());
    expect(await errorOf(() => resendFailedTexts(outsider, room.id))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(() => resendFailedTexts(actorFor(people[0]), room.id))).toMatchObject({ code: 'forbidden' });

    expect(await resendFailedTexts(leadActor, room.id)).toEqual({ resent: 1 });
    expect(await smsById(technical.id)).toMatchObject({ status: 'queued', series: 1, attempts: 0, notifyId: null, failureReason: null });
    expect((await smsById(permanent.id)).status).toBe('failed');
    // An old receipt for the first attempt no longer touches the row.
    expect(await applyNotifyStatus({ id: technical.notifyId!, reference: technical.id, status: 'delivered' })).toBe('unknown');

    expect(await deliverSms(technical.id, gateway)).toBe('accepted');
    const attempts = fake.received.filter((r) => r.phoneNumber === technical.phone && r.templateId === technical.templateId);
    expect(attempts.map((r) => r.reference)).toEqual([technical.id, `${technical.id}.r1`]);
    expect(await smsById(technical.id)).toMatchObject({ status: 'sending', series: 1, notifyId: attempts[1].id });
    // A late receipt for the new attempt matches by reference and series.
    expect(await applyNotifyStatus({ id: attempts[1].id, reference: `${technical.id}.r1`, status: 'delivered' })).toBe('applied');
    expect(await resendFailedTexts(leadActor, room.id)).toEqual({ resent: 0 });
    const [audit] = await db().select().from(schema.auditEvents).where(eq(schema.auditEvents.action, 'sms.resend'));
    expect(audit).toMatchObject({ actorId: lead.id, subjectId: room.id, detail: { texts: [{ id: technical.id, series: 1 }] } });
  });
});

describe('the preview of what opening a room will send', () => {
  it('gives the exact texts and “this will text N people in M organisations”, matching what opening then sends', async () => {
    await stopBoss();
    const orgA = await makeOrg();
    const orgB = await makeOrg();
    const shared = nextMobile();
    const a1 = await makeUser({ organisation: orgA, mobile: shared });
    await makeUser({ organisation: orgA, mobile: shared }); // same number: texted once
    await makeUser({ organisation: orgA, mobileVerified: false });
    await makeUser({ organisation: orgB });
    const named = await makeUser();
    const input = {
      title: 'Ransomware on the PACS servers at Riverside',
      severity: 'high',
      tlp: 'AMBER',
      summary: 'Encrypted imaging archive; attacker in via the vendor VPN.',
      publicHeadline: 'Cyber incident affecting imaging services',
      invite: { organisations: [orgA.odsCode, orgB.odsCode], users: [named.email, a1.email, lead.email] },
    };
    const before = await rowCounts();
    const preview = await previewRoomTexts(leadActor, input);
    expect(await rowCounts()).toEqual(before);
    expect(preview).toMatchObject({ alerting: true, people: 3, organisations: 3, summary: 'This will text 3 people in 3 organisations.', problems: [] });

    const room = await createRoom(leadActor, input);
    expect(room.reference).toBe(preview.reference);
    const rows = await smsOf(room.id);
    expect(new Set(rows.map((r) => r.phone)).size).toBe(preview.people);
    // Exact, except that each signpost carries the person's own link token where the preview shows x's.
    const sent = ['alert', 'signpost'].map((k) => rows.find((r) => r.kind === k)!);
    expect(preview.messages.map((m) => m.body)).toEqual(sent.map((r) => (r.linkToken ? r.body.replace(r.linkToken, PREVIEW_LINK_TOKEN) : r.body)));
    expect(preview.messages.map((m) => m.length)).toEqual(sent.map((r) => r.body.length));

    expect(await errorOf(() => previewRoomTexts(actorFor(named), input))).toMatchObject({ code: 'forbidden' });
    const leaky = await previewRoomTexts(leadActor, { ...input, publicHeadline: 'Ransomware on the PACS servers at Riverside' });
    expect(leaky.problems).toEqual([expect.stringMatching(/repeats restricted text/)]);
    expect(await previewRoomTexts(leadActor, { ...input, severity: 'moderate' })).toMatchObject({ alerting: false, people: 0, messages: [] });
  });
});

describe('the public bulletin feed', () => {
  it('is Atom with each incident’s latest public headline and nothing restricted', async () => {
    const { room } = await openRoomFor(1);
    const xml = await (await bulletinFeed()).text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(xml).toContain(`<id>http://localhost:3000/bulletins/${room.reference}</id>`);
    expect(xml).toContain('Cyber incident affecting imaging services');
    expect(xml).not.toMatch(/PACS|Riverside|vendor VPN/);
  });
});

describe('acknowledgement: personal links, acknowledging in the room, the ledger by organisation', () => {
  it('a signpost’s /a/<token> records the first open and redirects to the public bulletin; an unknown token learns nothing', async () => {
    const { room } = await openRoomFor(2);
    const signposts = (await smsOf(room.id)).filter((r) => r.kind === 'signpost');
    expect(new Set(signposts.map((s) => s.linkToken)).size).toBe(2);
    const open = (token: string) => shortLink(new Request(`http://localhost:3000/a/${token}`), { params: Promise.resolve({ token }) });
    const res = await open(signposts[0].linkToken!);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://localhost:3000/bulletins/${room.reference}`);
    const first = (await smsById(signposts[0].id)).openedAt!;
    expect(first).toBeInstanceOf(Date);
    await open(signposts[0].linkToken!);
    expect((await smsById(signposts[0].id)).openedAt).toEqual(first);
    expect((await smsById(signposts[1].id)).openedAt).toBeNull();
    for (const bad of ['nope', 'A'.repeat(22), '../../etc/passwd']) {
      const miss = await open(bad);
      expect(miss.status).toBe(303);
      expect(miss.headers.get('location')).toBe('http://localhost:3000/bulletins');
    }
  });

  it('members acknowledge once; the lead sees texts, opens and acknowledgements per organisation; outsiders get not-found', async () => {
    await stopBoss();
    const orgA = await makeOrg({ name: 'Alpha Trust' });
    const orgB = await makeOrg({ name: 'Beta Trust' });
    const a = await makeUser({ organisation: orgA });
    await makeUser({ organisation: orgB });
    const room = await createRoom(leadActor, {
      title: 'Ransomware on the PACS servers at Riverside',
      severity: 'high',
      tlp: 'AMBER',
      summary: 'Encrypted imaging archive; attacker in via the vendor VPN.',
      publicHeadline: 'Cyber incident affecting imaging services',
      invite: { organisations: [orgA.odsCode, orgB.odsCode] },
    });
    const signpostA = (await smsOf(room.id)).find((r) => r.kind === 'signpost' && r.phone === a.mobile)!;
    await openShortLinkFor(signpostA.linkToken!);
    expect(await acknowledgeRoom(actorFor(a), room.id)).toEqual({ acknowledged: true, new: true });
    expect(await acknowledgeRoom(actorFor(a), room.id)).toEqual({ acknowledged: true, new: false });
    const outsider = actorFor(await makeUser());
    expect(await errorOf(() => acknowledgeRoom(outsider, room.id))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(() => organisationLedger(outsider, room.id))).toMatchObject({ code: 'not_found' });
    expect(await errorOf(() => organisationLedger(actorFor(a), room.id))).toMatchObject({ code: 'forbidden' });

    const ledger = await organisationLedger(leadActor, room.id);
    expect(ledger.map((r) => [r.organisationName, r.texts, r.queued, r.opened, r.acknowledged])).toEqual([
      ['Alpha Trust', 2, 2, 1, 1],
      ['Beta Trust', 2, 2, 0, 0],
    ]);
  });
});

describe('acknowledging by replying ACK', () => {
  it('a reply containing ACK acknowledges the latest room that texted that number; other replies and repeats do nothing', async () => {
    await stopBoss();
    const { room, people } = await openRoomFor(2);
    for (const row of (await smsOf(room.id)).filter((r) => r.kind === 'alert')) await deliverSms(row.id, gateway);
    const [replier, quiet] = people;
    fake.addReceivedText({ phoneNumber: replier.mobile!, content: 'ack - on it' });
    fake.addReceivedText({ phoneNumber: quiet.mobile!, content: 'who is this?' });
    fake.addReceivedText({ phoneNumber: '07700900999', content: 'ACK' });
    expect(await processSmsReplies(gateway)).toEqual({ read: 3, acknowledged: 1 });
    expect(await processSmsReplies(gateway)).toEqual({ read: 3, acknowledged: 0 });
    const acks = await db().select().from(schema.roomAcknowledgements).where(eq(schema.roomAcknowledgements.roomId, room.id));
    expect(acks).toMatchObject([{ userId: replier.id, organisationId: replier.organisationId, phone: replier.mobile, via: 'sms' }]);
  });
});

describe('key contacts and escalation', () => {
  it('texts invited organisations’ primary and alert-only contacts (each number once), and only moderators manage them', async () => {
    await stopBoss();
    const moderator = actorFor(await makeUser({ role: 'moderator' }));
    const org = await makeOrg();
    const member = await makeUser({ organisation: org });
    const primary = nextMobile();
    const alertOnly = nextMobile();
    expect(await errorOf(() => addOrganisationContact(leadActor, { odsCode: org.odsCode, role: 'primary', name: 'P', mobile: primary }))).toMatchObject({ code: 'forbidden' });
    await addOrganisationContact(moderator, { odsCode: org.odsCode, role: 'primary', name: 'Pat Primary', mobile: primary });
    await addOrganisationContact(moderator, { odsCode: org.odsCode, role: 'alert_only', name: 'Ali Alert', mobile: alertOnly.replace('+44', '0') });
    await addOrganisationContact(moderator, { odsCode: org.odsCode, role: 'deputy', name: 'Dee Deputy', mobile: nextMobile() });
    // The member's own number as an alert-only contact too: still texted once.
    await addOrganisationContact(moderator, { odsCode: org.odsCode, role: 'alert_only', name: 'Same', mobile: member.mobile! });
    expect(await errorOf(() => addOrganisationContact(moderator, { odsCode: org.odsCode, role: 'primary', name: 'Two', mobile: nextMobile() }))).toMatchObject({ code: 'conflict' });
    expect(await errorOf(() => addOrganisationContact(moderator, { odsCode: org.odsCode, role: 'deputy', name: 'Land', mobile: '01632 960123' }))).toMatchObject({ code: 'invalid', fields: { mobile: [expect.any(String)] } });
    expect((await listOrganisationContacts(moderator)).filter((c) => c.odsCode === org.odsCode)).toHaveLength(4);

    const input = {
      title: 'Ransomware on the PACS servers at Riverside',
      severity: 'high',
      tlp: 'AMBER',
      summary: 'Encrypted imaging archive; attacker in via the vendor VPN.',
      publicHeadline: 'Cyber incident affecting imaging services',
      invite: { organisations: [org.odsCode] },
    };
    expect(await previewRoomTexts(leadActor, input)).toMatchObject({ people: 3, organisations: 1 });
    const room = await createRoom(leadActor, input);
    const phones = [...new Set((await smsOf(room.id)).map((r) => r.phone))].sort();
    expect(phones).toEqual([member.mobile!, primary, alertOnly].sort());
  });

  it('texts the deputies of an invited organisation that has not acknowledged in time, once; not one that has', async () => {
    await stopBoss();
    const moderator = actorFor(await makeUser({ role: 'moderator' }));
    const quiet = await makeOrg({ name: 'Quiet Trust' });
    const prompt = await makeOrg({ name: 'Prompt Trust' });
    const promptMember = await makeUser({ organisation: prompt });
    await makeUser({ organisation: quiet });
    const deputy = nextMobile();
    await addOrganisationContact(moderator, { odsCode: quiet.odsCode, role: 'deputy', name: 'Dee Deputy', mobile: deputy });
    await addOrganisationContact(moderator, { odsCode: prompt.odsCode, role: 'deputy', name: 'Dan Deputy', mobile: nextMobile() });
    const room = await createRoom(leadActor, {
      title: 'Ransomware on the PACS servers at Riverside',
      severity: 'critical',
      tlp: 'AMBER',
      summary: 'Encrypted imaging archive; attacker in via the vendor VPN.',
      publicHeadline: 'Cyber incident affecting imaging services',
      invite: { organisations: [quiet.odsCode, prompt.odsCode] },
    });
    // Deputies are not texted at first; an escalation check is due for each organisation after 30 minutes.
    expect((await smsOf(room.id)).some((r) => r.phone === deputy)).toBe(false);
    const jobs = await rawSql()`select data, start_after from pgboss.job where name = 'sms-escalate' and data->>'roomId' = ${room.id}`;
    expect(jobs).toHaveLength(2);
    for (const j of jobs) expect(new Date(j.start_after).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);

    await acknowledgeRoom(actorFor(promptMember), room.id);
    expect(await escalateIfUnacknowledged(room.id, prompt.id)).toBe('acknowledged');
    expect(await escalateIfUnacknowledged(room.id, quiet.id)).toBe('escalated');
    expect(await escalateIfUnacknowledged(room.id, quiet.id)).toBe('already-checked');
    const deputyTexts = (await smsOf(room.id)).filter((r) => r.phone === deputy);
    expect(deputyTexts.map((r) => r.kind).sort()).toEqual(['alert', 'signpost']);
    expect(deputyTexts.every((r) => r.organisationId === quiet.id && r.status === 'queued')).toBe(true);
    const ledger = await organisationLedger(leadActor, room.id);
    expect(ledger.map((r) => [r.organisationName, r.escalation?.outcome, r.escalation?.deputiesTexted])).toEqual([
      ['Prompt Trust', 'acknowledged', 0],
      ['Quiet Trust', 'escalated', 1],
    ]);
  });
});
