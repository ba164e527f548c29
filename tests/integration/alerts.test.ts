import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverSms, RetryLater } from '@/lib/alerts/deliver-sms';
import { createSmsGateway, type SmsGateway } from '@/lib/alerts/notify-client';
import { queueRoomTexts } from '@/lib/alerts/outbox';
import { nextUtcMidnight } from '@/lib/alerts/notify-errors';
import { clearSendingHold, getSendingState } from '@/lib/alerts/sending-controls';
import { startSmsWorker } from '@/lib/alerts/worker';
import type { Actor } from '@/lib/auth/actor';
import { config } from '@/lib/config';
import { createRoom } from '@/lib/incidents/create-room';
import { getBoss, startBoss, stopBoss } from '@/lib/jobs';
import { FAKE_NOTIFY_DEFAULTS, FakeNotify, type FaultMode } from '../fakes/fake-notify';
import {
  actorFor,
  db,
  errorOf,
  makeOrg,
  makeUser,
  nextMobile,
  rawSql,
  rowCounts,
  schema,
  smsJobs,
  useTestDatabase,
  type TestUser,
} from './harness';

useTestDatabase();

type Org = Awaited<ReturnType<typeof makeOrg>>;
type SmsRow = typeof schema.smsMessages.$inferSelect;

const TITLE = 'Domain admin credentials stolen from Northgate trust';
const SUMMARY = 'Attackers used the helpdesk password reset to take over two privileged accounts last night.';
const HEADLINE = 'Cyber incident affecting NHS organisations in the North East';

let lead: TestUser;
let leadActor: Actor;
let affectedOrg: Org;

beforeAll(async () => {
  lead = await makeUser({ role: 'incident_lead' });
  leadActor = actorFor(lead);
  affectedOrg = await makeOrg();
});

function alertRoom(invite: { organisations?: string[]; users?: string[] }, overrides: Record<string, unknown> = {}) {
  return createRoom(leadActor, {
    title: TITLE,
    severity: 'high',
    tlp: 'AMBER',
    summary: SUMMARY,
    publicHeadline: HEADLINE,
    invite: { organisations: invite.organisations ?? [], users: invite.users ?? [] },
    ...overrides,
  });
}

async function smsOf(roomId: string) {
  return db().select().from(schema.smsMessages).where(eq(schema.smsMessages.roomId, roomId));
}

async function smsById(id: string): Promise<SmsRow> {
  const [row] = await db().select().from(schema.smsMessages).where(eq(schema.smsMessages.id, id));
  return row;
}

describe('opening a high-severity room queues the texts', () => {
  it('writes one alert and one signpost per distinct verified mobile, and the alert jobs, in the room’s transaction', async () => {
    const shared = nextMobile();
    const invited = await makeUser({ mobile: shared });
    const unverified = await makeUser({ mobileVerified: false });
    const noMobile = await makeUser({ mobile: null });
    const colleague = await makeUser({ organisation: affectedOrg });
    const sameNumberColleague = await makeUser({ organisation: affectedOrg, mobile: shared });
    const unverifiedColleague = await makeUser({ organisation: affectedOrg, mobileVerified: false });
    const suspendedColleague = await makeUser({ organisation: affectedOrg, status: 'suspended' });

    const before = await smsJobs();
    const room = await alertRoom({
      organisations: [affectedOrg.odsCode],
      users: [invited.email, unverified.email, noMobile.email, lead.email],
    });
    const rows = await smsOf(room.id);
    const phones = [...new Set(rows.map((r) => r.phone))].sort();
    expect(phones).toEqual([shared, colleague.mobile].sort());
    for (const excluded of [lead, unverified, unverifiedColleague, suspendedColleague]) {
      expect(phones, excluded.email).not.toContain(excluded.mobile);
    }
    expect(rows).toHaveLength(4);
    expect(room.texts).toBe(4);
    for (const phone of phones) {
      expect(rows.filter((r) => r.phone === phone).map((r) => r.kind).sort()).toEqual(['alert', 'signpost']);
    }
    expect(rows.every((r) => r.status === 'queued' && r.attempts === 0 && !r.simulated)).toBe(true);
    expect(rows.find((r) => r.phone === shared)!.userId).toBeOneOf([invited.id, sameNumberColleague.id]);

    // Alerts are queued now; each signpost is chained behind its alert.
    const jobs = (await smsJobs()).filter((j) => !before.some((b) => b.id === j.id));
    const alerts = rows.filter((r) => r.kind === 'alert');
    expect(jobs.map((j) => j.smsId).sort()).toEqual(alerts.map((a) => a.id).sort());
    // Same transaction: the jobs, the texts and the room were all written by one transaction id.
    const [{ xmin: roomXmin }] = await rawSql()`select xmin::text as xmin from incident_rooms where id = ${room.id}`;
    const smsXmins = await rawSql()`select distinct xmin::text as xmin from sms_messages where room_id = ${room.id}`;
    expect(smsXmins.map((r) => r.xmin)).toEqual([roomXmin]);
    expect([...new Set(jobs.map((j) => j.xmin))]).toEqual([roomXmin]);
  });

  it('builds texts from public fields only: reference, severity, headline, bulletin link', async () => {
    const invited = await makeUser();
    const room = await alertRoom({ users: [invited.email] });
    const rows = await smsOf(room.id);
    const alert = rows.find((r) => r.kind === 'alert')!;
    const signpost = rows.find((r) => r.kind === 'signpost')!;
    expect(alert.body).toBe(
      `HIGH cyber incident ${room.reference}: ${HEADLINE}. Watchroom will text you a link to the public bulletin.`,
    );
    expect(alert.templateId).toBe(config().NOTIFY_ALERT_TEMPLATE_ID);
    expect(alert.personalisation).toEqual({ severity: 'HIGH', reference: room.reference, headline: HEADLINE });
    // The signpost's link is personal: /a/<token> opens the bulletin and records the open.
    expect(signpost.linkToken).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(signpost.body).toBe(`Public bulletin for ${room.reference}: http://localhost:3000/a/${signpost.linkToken}`);
    expect(signpost.personalisation).toEqual({ reference: room.reference, url: `http://localhost:3000/a/${signpost.linkToken}` });
    expect(alert.linkToken).toBeNull();
    expect(signpost.templateId).toBe(config().NOTIFY_SIGNPOST_TEMPLATE_ID);
    for (const row of rows) {
      const text = `${row.body} ${JSON.stringify(row.personalisation)}`.toLowerCase();
      expect(text).not.toContain(TITLE.toLowerCase());
      expect(text).not.toContain(SUMMARY.toLowerCase());
      for (const word of ['northgate', 'helpdesk', 'privileged', 'credentials']) expect(text).not.toContain(word);
    }
    const bulletins = await db().select().from(schema.bulletins).where(eq(schema.bulletins.roomId, room.id));
    expect(bulletins).toMatchObject([{ version: 1, headline: HEADLINE }]);
  });

  it('refuses a public headline that repeats restricted text, naming publicHeadline, and writes nothing', async () => {
    const invited = await makeUser();
    const before = await rowCounts();
    for (const publicHeadline of [
      TITLE,
      `Update: ${TITLE.toUpperCase()}`,
      'Attackers used the   helpdesk password reset',
    ]) {
      const error = await errorOf(() => alertRoom({ users: [invited.email] }, { publicHeadline }));
      expect(error, publicHeadline).toMatchObject({ code: 'invalid', status: 400 });
      expect(Object.keys(error.fields as object)).toEqual(['publicHeadline']);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('writes no texts, jobs or bulletin for low and moderate rooms', async () => {
    const invited = await makeUser();
    for (const severity of ['low', 'moderate']) {
      const before = await rowCounts();
      const room = await alertRoom({ users: [invited.email] }, { severity });
      expect(room.texts).toBe(0);
      const after = await rowCounts();
      expect(after.sms_messages).toBe(before.sms_messages);
      expect(after['pgboss.job']).toBe(before['pgboss.job']);
      expect(after.bulletins).toBe(before.bulletins);
      expect(after.incident_rooms).toBe(before.incident_rooms + 1);
    }
  });

  it('queues a national-scale room (4,000 numbers, past PostgreSQL’s 65,535 parameters per statement) in one transaction', async () => {
    const room = await alertRoom({}, { severity: 'low' });
    const [row] = await db().select().from(schema.incidentRooms).where(eq(schema.incidentRooms.id, room.id));
    const recipients = Array.from({ length: 4000 }, (_, i) => ({ userId: null, organisationId: null, phone: `+4474${String(i).padStart(8, '0')}` }));
    const jobsBefore = (await smsJobs()).length;
    const { queued } = await db().transaction((tx) => queueRoomTexts(tx, row, [...recipients, ...recipients.slice(0, 10)]));
    expect(queued).toBe(8000);
    const rows = await smsOf(room.id);
    expect(rows.filter((r) => r.kind === 'alert')).toHaveLength(4000);
    expect(new Set(rows.filter((r) => r.kind === 'signpost').map((r) => r.phone)).size).toBe(4000);
    expect((await smsJobs()).length - jobsBefore).toBe(4000);
    // These made-up numbers must never reach a worker in a later test of this file.
    await rawSql()`delete from pgboss.job where name = 'sms-send' and data->>'smsId' in (select id::text from sms_messages where room_id = ${room.id})`;
    await rawSql()`delete from sms_messages where room_id = ${room.id}`;
  });

  it('writes the room without texts when nobody else has a verified mobile', async () => {
    const unverified = await makeUser({ mobileVerified: false });
    const room = await alertRoom({ users: [unverified.email] }, { severity: 'critical' });
    expect(room.texts).toBe(0);
    expect(await smsOf(room.id)).toEqual([]);
  });
});

describe('deliverSms against the fake Notify', () => {
  const fake = new FakeNotify({ ...FAKE_NOTIFY_DEFAULTS, templates: [...FAKE_NOTIFY_DEFAULTS.templates] });
  let gateway: SmsGateway;

  beforeAll(async () => {
    for (const key of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) delete process.env[key];
    process.env.NO_PROXY = '127.0.0.1,localhost';
    await fake.start();
    gateway = createSmsGateway({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 500 });
  });

  afterAll(async () => {
    await fake.stop();
  });

  beforeEach(() => {
    fake.reset();
  });

  /** A fresh high room with one invitee: returns that person's queued alert and signpost. */
  async function queuedTexts(mobile = nextMobile()) {
    const person = await makeUser({ mobile });
    const room = await alertRoom({ users: [person.email] });
    const rows = await smsOf(room.id);
    return { room, alert: rows.find((r) => r.kind === 'alert')!, signpost: rows.find((r) => r.kind === 'signpost')! };
  }

  const receivedFor = (smsId: string) => fake.received.filter((r) => r.reference === smsId);
  const sendsFor = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/notifications/sms');

  it('talks to the fake, not to production', () => {
    expect(gateway.simulated).toBe(false);
    expect(gateway.baseUrl).toBe(fake.url);
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(createSmsGateway({ apiKey: fake.apiKey }).baseUrl).toBe('https://api.notifications.service.gov.uk');
    expect(() => createSmsGateway({ apiKey: fake.apiKey, baseUrl: fake.url.replace('http://', '') })).toThrow(/http/);
  });

  it('hands an alert to Notify: sending, with Notify’s id, and queues the signpost', async () => {
    const { room, alert, signpost } = await queuedTexts();
    expect(await deliverSms(alert.id, gateway)).toBe('accepted');

    const [sent] = receivedFor(alert.id);
    expect(fake.received).toHaveLength(1);
    expect(sent).toMatchObject({ phoneNumber: alert.phone, templateId: alert.templateId, personalisation: alert.personalisation });
    expect(sent.body).toBe(alert.body);
    const row = await smsById(alert.id);
    expect(row).toMatchObject({ status: 'sending', notifyId: sent.id, notifyStatus: 'created', attempts: 1, simulated: false });
    expect(row.sentAt).toBeInstanceOf(Date);
    expect((await smsJobs()).filter((j) => j.smsId === signpost.id)).toHaveLength(1);

    expect(await deliverSms(signpost.id, gateway)).toBe('accepted');
    expect(receivedFor(signpost.id)[0].body).toBe(`Public bulletin for ${room.reference}: http://localhost:3000/a/${signpost.linkToken}`);
    expect((await smsById(signpost.id)).status).toBe('sending');

    // Done is done: a duplicate job sends nothing more.
    expect(await deliverSms(alert.id, gateway)).toBe('already-handled');
    expect(fake.received).toHaveLength(2);
    for (const text of fake.received) expect(text.body.toLowerCase()).not.toContain('northgate');
  });

  const transient: [string, FaultMode][] = [
    ['a 500 from Notify', { kind: 'status', status: 500, times: 1 }],
    ['a proxy’s HTML 502', { kind: 'status', status: 502, html: true, times: 1 }],
    ['a 504 EventletTimeout', { kind: 'status', status: 504, times: 1 }],
    ['a RateLimitError 429', { kind: 'rate-limit', times: 1 }],
    ['a connection reset', { kind: 'reset', times: 1 }],
    ['a timeout', { kind: 'timeout', times: 1, delayMs: 2_000 }],
  ];

  it.each(transient)('after %s: RetryLater, still queued, then one text on the next try', async (_label, fault) => {
    const { alert } = await queuedTexts();
    fake.injectFaults(fault);
    await expect(deliverSms(alert.id, gateway)).rejects.toBeInstanceOf(RetryLater);
    expect(await smsById(alert.id)).toMatchObject({ status: 'queued', attempts: 1, notifyId: null });
    expect(receivedFor(alert.id)).toHaveLength(0);

    expect(await deliverSms(alert.id, gateway)).toBe('accepted');
    expect(receivedFor(alert.id)).toHaveLength(1);
    expect(await smsById(alert.id)).toMatchObject({ status: 'sending', attempts: 2, notifyId: receivedFor(alert.id)[0].id });
    // Before sending again it asked Notify whether the first attempt had got through.
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/v2/notifications')).toBe(true);
  });

  it('after Notify accepted but the answer was lost: reconciles by reference and never sends twice', async () => {
    const { alert, signpost } = await queuedTexts();
    fake.injectFaults({ kind: 'accept-then-drop', times: 1 });
    await expect(deliverSms(alert.id, gateway)).rejects.toBeInstanceOf(RetryLater);
    expect(receivedFor(alert.id)).toHaveLength(1);
    expect(await smsById(alert.id)).toMatchObject({ status: 'queued', attempts: 1 });

    expect(await deliverSms(alert.id, gateway)).toBe('reconciled');
    expect(receivedFor(alert.id)).toHaveLength(1);
    expect(sendsFor()).toHaveLength(1);
    expect(await smsById(alert.id)).toMatchObject({ status: 'sending', notifyId: receivedFor(alert.id)[0].id });
    expect((await smsJobs()).filter((j) => j.smsId === signpost.id)).toHaveLength(1);
  });

  it.each([
    ['a landline', '+441632960123', 'InvalidPhoneError: Not a UK mobile number'],
    ['too few digits', '+44770090012', 'ValidationError: phone_number Not enough digits'],
    ['an international number', '+33612345678', 'BadRequestError: Cannot send to international mobile numbers'],
  ])('fails for good on a 400 (%s), with Notify’s message', async (_label, phone, message) => {
    const { alert } = await queuedTexts(phone);
    expect(await deliverSms(alert.id, gateway)).toBe('failed');
    const row = await smsById(alert.id);
    expect(row).toMatchObject({ status: 'failed', failureReason: message, attempts: 1 });
    expect(row.completedAt).toBeInstanceOf(Date);
    expect(await deliverSms(alert.id, gateway)).toBe('already-handled');
    expect(sendsFor()).toHaveLength(1);
  });

  it('holds a text until the next UTC day after the daily limit', async () => {
    const { alert } = await queuedTexts();
    fake.injectFaults({ kind: 'daily-limit', times: 1 });
    const earliest = nextUtcMidnight();
    expect(await deliverSms(alert.id, gateway)).toBe('held');
    const latest = nextUtcMidnight();
    const row = await smsById(alert.id);
    expect(row.status).toBe('queued');
    expect(row.failureReason).toBe('Held until tomorrow (UTC): TooManyRequestsError: Exceeded send limits (sms: 250000) for today');
    const held = (await smsJobs()).filter((j) => j.smsId === alert.id && j.startAfter.getTime() > Date.now());
    expect(held).toHaveLength(1);
    expect([earliest.getTime(), latest.getTime()]).toContain(held[0].startAfter.getTime());
    expect(held[0].startAfter.getUTCHours()).toBe(0);
    expect(receivedFor(alert.id)).toHaveLength(0);

    // All sending is held until then, and says why; other texts wait (queued, untouched).
    const state = await getSendingState();
    expect(state.heldUntil?.getTime()).toBeOneOf([earliest.getTime(), latest.getTime()]);
    expect(state.heldReason).toBe('TooManyRequestsError: Exceeded send limits (sms: 250000) for today');
    const other = await queuedTexts();
    expect(await deliverSms(other.alert.id, gateway)).toBe('deferred');
    expect(await smsById(other.alert.id)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    await db().transaction((tx) => clearSendingHold(tx));
  });

  it('gives up once the retry limit is spent', async () => {
    const { alert } = await queuedTexts();
    const limit = config().SMS_RETRY_LIMIT;
    await db().update(schema.smsMessages).set({ attempts: limit }).where(eq(schema.smsMessages.id, alert.id));
    fake.injectFaults({ kind: 'status', status: 500, times: 1 });
    expect(await deliverSms(alert.id, gateway)).toBe('failed');
    const row = await smsById(alert.id);
    expect(row.status).toBe('failed');
    expect(row.failureReason).toMatch(new RegExp(`^Gave up after ${limit + 1} attempts: `));
  });

  it('refuses to send a text that somehow holds restricted content', async () => {
    const { alert } = await queuedTexts();
    await db()
      .update(schema.smsMessages)
      .set({ body: `HIGH cyber incident: ${TITLE}` })
      .where(eq(schema.smsMessages.id, alert.id));
    expect(await deliverSms(alert.id, gateway)).toBe('failed');
    expect((await smsById(alert.id)).failureReason).toBe('Refused before sending: the text contained restricted content');
    expect(fake.requests).toHaveLength(0);
  });

  it('in simulated mode (no API key) marks the text delivered without any request', async () => {
    const simulated = createSmsGateway();
    expect(simulated.simulated).toBe(true);
    const { alert, signpost } = await queuedTexts();
    expect(await deliverSms(alert.id, simulated)).toBe('accepted');
    const row = await smsById(alert.id);
    expect(row).toMatchObject({ status: 'delivered', notifyStatus: 'simulated', simulated: true, attempts: 1 });
    expect(row.body).toBe(alert.body);
    expect(row.completedAt).toBeInstanceOf(Date);
    expect((await smsJobs()).filter((j) => j.smsId === signpost.id)).toHaveLength(1);
    expect(fake.requests).toHaveLength(0);
  });

  it('the pg-boss worker sends every queued text, alerts then signposts, once each', async () => {
    const people = await Promise.all([makeUser(), makeUser(), makeUser()]);
    const boss = await startBoss(config().DATABASE_URL!);
    try {
      expect(getBoss(config().DATABASE_URL!)).toBe(boss);
      await startSmsWorker(boss, gateway);
      const room = await alertRoom({ users: people.map((p) => p.email) });
      expect(room.texts).toBe(6);
      const deadline = Date.now() + 15_000;
      let rows = await smsOf(room.id);
      while (rows.some((r) => r.status === 'queued') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
        rows = await smsOf(room.id);
      }
      expect(rows.map((r) => r.status)).toEqual(Array(6).fill('sending'));
      for (const row of rows) expect(receivedFor(row.id)).toHaveLength(1);
      for (const person of people) {
        const texts = fake.received.filter((r) => r.phoneNumber === person.mobile);
        expect(texts.map((t) => t.templateId)).toEqual([config().NOTIFY_ALERT_TEMPLATE_ID, config().NOTIFY_SIGNPOST_TEMPLATE_ID]);
      }
      // A job completes just after its text is recorded: wait for the last ones.
      const completed = async () => {
        const [done] = await rawSql()`select count(*)::int as n from pgboss.job where name = 'sms-send' and state = 'completed' and data->>'smsId' = any(${rows.map((r) => r.id)})`;
        return done.n as number;
      };
      while ((await completed()) < 6 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(await completed()).toBe(6);
      // Every request took a token from the shared bucket.
      const [bucket] = await rawSql()`select tokens from rate_buckets where name = 'notify'`;
      expect(Number(bucket.tokens)).toBeLessThan(config().NOTIFY_BURST);
    } finally {
      await stopBoss();
    }
  });
});

describe('the SMS ledger is written only for room members', () => {
  it('has no row for anyone outside the room', async () => {
    const outsider = await makeUser();
    const rows = await db().select().from(schema.smsMessages).where(and(eq(schema.smsMessages.userId, outsider.id)));
    expect(rows).toEqual([]);
  });
});
