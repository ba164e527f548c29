import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RetryLater } from '@/lib/alerts/deliver-sms';
import { config } from '@/lib/config';
import { deliverEmail } from '@/lib/email/deliver-email';
import { createEmailGateway, type EmailGateway } from '@/lib/email/gateway';
import { queueEmail } from '@/lib/email/queue-email';
import { startEmailWorker } from '@/lib/email/worker';
import { startBoss, stopBoss } from '@/lib/jobs';
import { FAKE_NOTIFY_DEFAULTS, FakeNotify } from '../fakes/fake-notify';
import { db, rawSql, schema, useTestDatabase } from './harness';

/** Email through the real notifications-node-client against the fake Notify: outbox, retries, failures, simulation. */
useTestDatabase();

const fake = new FakeNotify({ ...FAKE_NOTIFY_DEFAULTS, templates: [...FAKE_NOTIFY_DEFAULTS.templates] });
let gateway: EmailGateway;

beforeAll(async () => {
  await fake.start();
  gateway = createEmailGateway({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 400 });
});
afterAll(async () => {
  await stopBoss();
  await fake.stop();
});
beforeEach(() => fake.reset());

const emailRow = async (id: string) => (await db().select().from(schema.emailMessages).where(eq(schema.emailMessages.id, id)))[0];
const queue = (to = 'someone@trust.nhs.uk') => db().transaction((tx) => queueEmail(tx, to, 'test', { subject: 'Hello from Watchroom', body: 'Line one.\n\nLine two.' }));
const emailSends = () => fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/notifications/email');

describe('email through GOV.UK Notify', () => {
  it('points the real client at the fake', () => {
    expect(gateway.baseUrl).toBe(fake.url);
    expect(gateway.simulated).toBe(false);
  });

  it('queues the email and its job in one transaction, and a rolled-back change leaves neither', async () => {
    const id = await queue();
    const [job] = await rawSql()`select data->>'emailId' as email_id from pgboss.job where name = 'email-send' and data->>'emailId' = ${id}`;
    expect(job.email_id).toBe(id);
    await expect(
      db().transaction(async (tx) => {
        await queueEmail(tx, 'rolled@trust.nhs.uk', 'test', { subject: 's', body: 'b' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await db().select().from(schema.emailMessages).where(eq(schema.emailMessages.toAddress, 'rolled@trust.nhs.uk'))).toHaveLength(0);
  });

  it('sends with the generic template, subject and body as personalisation, our row id as reference', async () => {
    const id = await queue('reader@trust.nhs.uk');
    expect(await deliverEmail(id, gateway)).toEqual({ outcome: 'accepted' });
    expect(fake.receivedEmails).toHaveLength(1);
    const [sent] = fake.receivedEmails;
    expect(sent).toMatchObject({ emailAddress: 'reader@trust.nhs.uk', templateId: config().NOTIFY_EMAIL_TEMPLATE_ID, reference: id, subject: 'Hello from Watchroom', body: 'Line one.\n\nLine two.' });
    const row = await emailRow(id);
    expect(row).toMatchObject({ status: 'sending', notifyId: sent.id, attempts: 1, simulated: false });
    // Done is done: a second job for the same email sends nothing.
    expect(await deliverEmail(id, gateway)).toEqual({ outcome: 'already-handled' });
    expect(fake.receivedEmails).toHaveLength(1);
  });

  it('retries a 500 and a rate limit, then sends once', async () => {
    const id = await queue();
    fake.injectFaults({ kind: 'status', status: 500, times: 1 });
    await expect(deliverEmail(id, gateway)).rejects.toBeInstanceOf(RetryLater);
    expect((await emailRow(id)).status).toBe('queued');
    fake.injectFaults({ kind: 'rate-limit', times: 1 });
    await expect(deliverEmail(id, gateway)).rejects.toBeInstanceOf(RetryLater);
    expect(await deliverEmail(id, gateway)).toEqual({ outcome: 'accepted' });
    expect(fake.receivedEmails).toHaveLength(1);
    expect((await emailRow(id)).attempts).toBe(3);
  });

  it('fails for good on a 400 from Notify, with its message', async () => {
    const id = await queue('not-an-email');
    expect(await deliverEmail(id, gateway)).toEqual({ outcome: 'failed' });
    const row = await emailRow(id);
    expect(row.status).toBe('failed');
    expect(row.failureReason).toContain('email_address Not a valid email address');
  });

  it('holds the daily limit until the next UTC day without failing the email', async () => {
    const id = await queue();
    fake.injectFaults({ kind: 'daily-limit', times: 1 });
    const result = await deliverEmail(id, gateway);
    expect(result.outcome).toBe('held');
    expect(result.retryAt!.getUTCHours()).toBe(0);
    expect((await emailRow(id)).status).toBe('queued');
  });

  it('refuses a wrong key at Notify (auth is checked) and marks the email failed', async () => {
    const wrong = createEmailGateway({ apiKey: `wrong-${FAKE_NOTIFY_DEFAULTS.serviceId}-00000000-0000-4000-8000-000000000000`, baseUrl: fake.url, timeoutMs: 400 });
    const id = await queue();
    expect(await deliverEmail(id, wrong)).toEqual({ outcome: 'failed' });
    expect(emailSends().map((r) => r.status)).toEqual([403]);
    expect(fake.receivedEmails).toHaveLength(0);
  });

  it('is simulated without a key: the same client up to the HTTP call, marked delivered and simulated', async () => {
    const simulated = createEmailGateway();
    expect(simulated.simulated).toBe(true);
    const id = await queue();
    expect(await deliverEmail(id, simulated)).toEqual({ outcome: 'accepted' });
    expect(await emailRow(id)).toMatchObject({ status: 'delivered', simulated: true });
    expect(fake.requests).toHaveLength(0);
  });

  it('the pg-boss worker sends queued emails to Notify', async () => {
    const boss = await startBoss(config().DATABASE_URL!);
    await startEmailWorker(boss, gateway);
    const id = await queue('worker@trust.nhs.uk');
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await emailRow(id)).status === 'queued') await new Promise((r) => setTimeout(r, 200));
    expect((await emailRow(id)).status).toBe('sending');
    expect(fake.receivedEmails.map((e) => e.emailAddress)).toContain('worker@trust.nhs.uk');
  });
});
