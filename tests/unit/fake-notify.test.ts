/**
 * The fake GOV.UK Notify, driven by the real notifications-node-client 8.4.0 over loopback.
 */
import axios, { isAxiosError, type AxiosError } from 'axios';
import { NotifyClient } from 'notifications-node-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeNotify, type FakeNotifyOptions } from '../fakes/fake-notify';

for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) delete process.env[name];
process.env.NO_PROXY = '127.0.0.1,localhost';

const SERVICE_ID = '0b7e6a52-3c1d-4f8e-9a2b-5c6d7e8f9a01';
const SECRET = 'f3e2d1c0-b9a8-4765-8432-10fedcba9876';
const ALERT_TEMPLATE = {
  id: '8a3c7f4e-2b1d-4e5f-9a6b-1c2d3e4f5a60',
  body: '((severity)) cyber incident ((reference)): ((headline)). Watchroom will text you a link to the public bulletin.',
};
const SIGNPOST_TEMPLATE = { id: '5b6c7d8e-9f01-4a2b-8c3d-4e5f6a7b8c90', body: 'Public bulletin for ((reference)): ((url))' };
const ALERT = { severity: 'HIGH', reference: 'INC-2026-0042', headline: 'Phishing campaign against NHS mailboxes' };
const MOBILE = '07700 900123';

type NotifyErrorBody = { status_code: number; errors: { error: string; message: string }[] };

const errorBody = (status: number, error: string, message: string): NotifyErrorBody => ({
  status_code: status,
  errors: [{ error, message }],
});

function baseOptions(overrides: Partial<FakeNotifyOptions> = {}): FakeNotifyOptions {
  return { serviceId: SERVICE_ID, secret: SECRET, templates: [ALERT_TEMPLATE, SIGNPOST_TEMPLATE], ...overrides };
}

function clientFor(url: string, apiKey: string, timeoutMs?: number): NotifyClient {
  const client = new NotifyClient(url, apiKey);
  if (timeoutMs !== undefined) client.setClient(axios.create({ timeout: timeoutMs }));
  return client;
}

/** The AxiosError a request rejected with; fails the test if it resolved. */
async function rejectionOf(request: Promise<unknown>): Promise<AxiosError> {
  try {
    await request;
  } catch (error) {
    if (isAxiosError(error)) return error;
    throw error;
  }
  throw new Error('expected the request to be rejected');
}

async function startFake(overrides: Partial<FakeNotifyOptions> = {}) {
  const fake = new FakeNotify(baseOptions(overrides));
  const { url } = await fake.start();
  return { fake, url, client: clientFor(url, fake.apiKey) };
}

describe('FakeNotify with the real Notify client', () => {
  let fake: FakeNotify;
  let url: string;
  let client: NotifyClient;

  beforeAll(async () => {
    ({ fake, url, client } = await startFake());
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.stop());

  const sendAlert = (reference = 'wr-alert-1', phone = MOBILE) =>
    client.sendSms(ALERT_TEMPLATE.id, phone, { personalisation: ALERT, reference });

  it('is what the client points at', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(client.apiClient.urlBase).toBe(url);
    expect(fake.apiKey).toBe(`fake-${SERVICE_ID}-${SECRET}`);
  });

  it('accepts an SMS, renders it and records it', async () => {
    const res = await sendAlert();
    const body =
      'HIGH cyber incident INC-2026-0042: Phishing campaign against NHS mailboxes. Watchroom will text you a link to the public bulletin.';
    expect(res.status).toBe(201);
    expect(res.data).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      reference: 'wr-alert-1',
      content: { body, from_number: 'GOVUK' },
      uri: `${url}/v2/notifications/${res.data.id}`,
      template: { id: ALERT_TEMPLATE.id, version: 1, uri: expect.stringContaining(ALERT_TEMPLATE.id) },
      scheduled_for: null,
    });
    expect(res.headers['retry-after']).toBeUndefined();
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]).toMatchObject({
      id: res.data.id,
      templateId: ALERT_TEMPLATE.id,
      phoneNumber: MOBILE,
      normalisedPhoneNumber: '+447700900123',
      personalisation: ALERT,
      reference: 'wr-alert-1',
      body,
      status: 'created',
    });
    expect(fake.received[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(fake.requests).toEqual([{ method: 'POST', path: '/v2/notifications/sms', status: 201 }]);
  });

  it('answers 403 AuthError to a key with the wrong secret or service', async () => {
    const wrongSecret = clientFor(url, `fake-${SERVICE_ID}-00000000-0000-4000-8000-000000000000`);
    const err = await rejectionOf(wrongSecret.sendSms(ALERT_TEMPLATE.id, MOBILE, { personalisation: ALERT }));
    expect(err.response?.status).toBe(403);
    expect(err.response?.data).toEqual(errorBody(403, 'AuthError', 'Invalid token: API key not found'));

    const wrongService = clientFor(url, `fake-00000000-0000-4000-8000-000000000000-${SECRET}`);
    const err2 = await rejectionOf(wrongService.getNotificationById('00000000-0000-4000-8000-000000000000'));
    expect(err2.response?.data).toEqual(errorBody(403, 'AuthError', 'Invalid token: service not found'));
    expect(fake.received).toHaveLength(0);
  });

  it('answers 401 without a Bearer token', async () => {
    const err = await rejectionOf(axios.post(`${url}/v2/notifications/sms`, {}));
    expect(err.response?.data).toEqual(errorBody(401, 'AuthError', 'Unauthorized: authentication token must be provided'));
    const err2 = await rejectionOf(axios.get(`${url}/v2/notifications`, { headers: { Authorization: 'Basic abc' } }));
    expect(err2.response?.data).toEqual(errorBody(401, 'AuthError', 'Unauthorized: authentication bearer scheme must be used'));
  });

  it.each([
    ['07700 900abc', 400, 'ValidationError', 'phone_number Must not contain letters or symbols'],
    ['07700.900123', 400, 'ValidationError', 'phone_number Must not contain letters or symbols'],
    ['07700 9001', 400, 'ValidationError', 'phone_number Not enough digits'],
    ['020 7946 0000', 400, 'InvalidPhoneError', 'Not a UK mobile number'],
    ['+1 202 555 0123', 400, 'BadRequestError', 'Cannot send to international mobile numbers'],
  ])('refuses the phone number %s', async (phone, status, error, message) => {
    const err = await rejectionOf(sendAlert('wr-bad-phone', phone));
    expect(err.response?.status).toBe(status);
    expect(err.response?.data).toEqual(errorBody(status, error, message));
    expect(fake.received).toHaveLength(0);
  });

  it.each(['07700900123', '+447700900123', '447700900123', '+44 (0)7700-900-123', '(07700) 900 123'])(
    'accepts the UK mobile %s',
    async (phone) => {
      await sendAlert('wr-ok-phone', phone);
      expect(fake.received.at(-1)?.normalisedPhoneNumber).toBe('+447700900123');
    },
  );

  it('checks templates, personalisation and length in Notify’s order', async () => {
    const schemaFirst = await rejectionOf(client.sendSms('11111111-1111-4111-8111-111111111111', 'not a number!', {}));
    expect(schemaFirst.response?.data).toEqual(
      errorBody(400, 'ValidationError', 'phone_number Must not contain letters or symbols'),
    );
    const notFound = await rejectionOf(client.sendSms('11111111-1111-4111-8111-111111111111', MOBILE, {}));
    expect(notFound.response?.data).toEqual(errorBody(400, 'BadRequestError', 'Template not found'));
    const notUuid = await rejectionOf(client.sendSms('alert', MOBILE, {}));
    expect(notUuid.response?.data).toEqual(errorBody(400, 'ValidationError', 'template_id is not a valid UUID'));

    const missing = await rejectionOf(client.sendSms(ALERT_TEMPLATE.id, MOBILE, { personalisation: { reference: 'X' } }));
    expect(missing.response?.data).toEqual(errorBody(400, 'BadRequestError', 'Missing personalisation: severity, headline'));

    const headline = 'x'.repeat(900);
    const tooLong = await rejectionOf(client.sendSms(ALERT_TEMPLATE.id, MOBILE, { personalisation: { ...ALERT, headline } }));
    const length = ALERT_TEMPLATE.body.replace('((headline))', headline).replace('((severity))', 'HIGH').replace('((reference))', ALERT.reference).length;
    expect(tooLong.response?.data).toEqual(
      errorBody(
        400,
        'BadRequestError',
        `Your message is too long. Text messages cannot be longer than 918 characters. Your message is ${length} characters long.`,
      ),
    );
  });

  it('refuses unknown properties with a ValidationError', async () => {
    const err = await rejectionOf(
      client.apiClient.post('/v2/notifications/sms', { template_id: ALERT_TEMPLATE.id, phone_number: MOBILE, idempotency_key: 'k' }),
    );
    expect(err.response?.data).toEqual(
      errorBody(400, 'ValidationError', 'Additional properties are not allowed (idempotency_key was unexpected)'),
    );
  });

  it('gets a notification by id and 404s an unknown one', async () => {
    const sent = await sendAlert('wr-get-1');
    const res = await client.getNotificationById(sent.data.id);
    expect(res.data).toMatchObject({
      id: sent.data.id,
      reference: 'wr-get-1',
      phone_number: MOBILE,
      type: 'sms',
      status: 'created',
      body: sent.data.content.body,
      sent_at: null,
      completed_at: null,
      template: { id: ALERT_TEMPLATE.id, version: 1 },
    });

    fake.setStatus(sent.data.id, 'delivered');
    const delivered = await client.getNotificationById(sent.data.id);
    expect(delivered.data.status).toBe('delivered');
    expect(delivered.data.completed_at).toMatch(/Z$/);

    const err = await rejectionOf(client.getNotificationById('00000000-0000-4000-8000-000000000000'));
    expect(err.response?.status).toBe(404);
    expect(err.response?.data).toEqual(errorBody(404, 'NoResultFound', 'No result found'));
  });

  it('lists notifications by reference, newest first', async () => {
    const first = await sendAlert('wr-ref-a');
    await sendAlert('wr-ref-b');
    const second = await sendAlert('wr-ref-a');

    const res = await client.getNotifications('sms', undefined, 'wr-ref-a', undefined);
    expect(res.data.notifications.map((n: { id: string }) => n.id)).toEqual([second.data.id, first.data.id]);
    expect(res.data.links.current).toBe(`${url}/v2/notifications?template_type=sms&reference=wr-ref-a`);

    const none = await client.getNotifications('sms', 'delivered', 'wr-ref-a', undefined);
    expect(none.data.notifications).toEqual([]);
    const older = await client.getNotifications(undefined, undefined, 'wr-ref-a', second.data.id);
    expect(older.data.notifications.map((n: { id: string }) => n.id)).toEqual([first.data.id]);
  });

  it('answers smoke-test numbers with 201 but never stores them', async () => {
    const res = await sendAlert('wr-smoke', '07700900111');
    expect(res.status).toBe(201);
    expect(fake.received).toHaveLength(0);
    expect(fake.requests.map((r) => r.status)).toEqual([201]);
    const err = await rejectionOf(client.getNotificationById(res.data.id));
    expect(err.response?.status).toBe(404);
  });

  it('lists received text messages', async () => {
    fake.addReceivedText({ phoneNumber: '07700 900123', content: 'STOP' });
    const res = await client.getReceivedTexts();
    expect(res.data.received_text_messages).toEqual([
      expect.objectContaining({ user_number: '447700900123', content: 'STOP', service_id: SERVICE_ID }),
    ]);
  });

  describe('faults', () => {
    it('answers an injected 500 with Notify’s JSON body, then recovers', async () => {
      fake.injectFaults({ kind: 'status', status: 500, times: 1 });
      const err = await rejectionOf(sendAlert());
      expect(err.response?.status).toBe(500);
      expect(err.response?.data).toEqual(errorBody(500, 'Exception', 'Internal server error'));
      expect(err.response?.headers['retry-after']).toBeUndefined();
      await expect(sendAlert()).resolves.toMatchObject({ status: 201 });
      expect(fake.received).toHaveLength(1);
    });

    it('answers an HTML 502 that the client sees as a string', async () => {
      fake.injectFaults({ kind: 'status', status: 502, html: true, times: 1 });
      const err = await rejectionOf(sendAlert());
      expect(err.response?.status).toBe(502);
      expect(typeof err.response?.data).toBe('string');
      expect(err.response?.data).toContain('502 Bad Gateway');
      expect(fake.received).toHaveLength(0);
    });

    it('answers 429 RateLimitError and TooManyRequestsError on demand', async () => {
      fake.injectFaults({ kind: 'rate-limit', times: 1 }, { kind: 'daily-limit', times: 1 });
      const rate = await rejectionOf(sendAlert());
      expect(rate.response?.data).toEqual(
        errorBody(429, 'RateLimitError', 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds'),
      );
      const daily = await rejectionOf(sendAlert());
      expect(daily.response?.data).toEqual(errorBody(429, 'TooManyRequestsError', 'Exceeded send limits (sms: 250000) for today'));
    });

    it('resets the connection: no response at all, nothing recorded', async () => {
      fake.injectFaults({ kind: 'reset', times: 1 });
      const err = await rejectionOf(sendAlert());
      expect(err.response).toBeUndefined();
      expect(fake.received).toHaveLength(0);
      expect(fake.requests).toEqual([{ method: 'POST', path: '/v2/notifications/sms', status: 0, fault: 'reset' }]);
    });

    it('holds the request past the client’s timeout', async () => {
      const timed = clientFor(url, fake.apiKey, 200);
      fake.injectFaults({ kind: 'timeout', times: 1, delayMs: 1000 });
      const err = await rejectionOf(timed.sendSms(ALERT_TEMPLATE.id, MOBILE, { personalisation: ALERT, reference: 'wr-timeout' }));
      expect(err.response).toBeUndefined();
      expect(err.code).toBe('ECONNABORTED');
      expect(fake.received).toHaveLength(0);
    });

    it('accepts then drops: the client sees a network error but the text was sent', async () => {
      fake.injectFaults({ kind: 'accept-then-drop', times: 1 });
      const err = await rejectionOf(sendAlert('wr-ambiguous'));
      expect(err.response).toBeUndefined();
      expect(fake.received).toHaveLength(1);
      const found = await client.getNotifications('sms', undefined, 'wr-ambiguous', undefined);
      expect(found.data.notifications).toHaveLength(1);
      expect(fake.requests[0]).toEqual({ method: 'POST', path: '/v2/notifications/sms', status: 201, fault: 'accept-then-drop' });
    });
  });

  it('404s unknown routes with JSON', async () => {
    const err = await rejectionOf(axios.get(`${url}/v2/nothing-here`));
    expect(err.response?.status).toBe(404);
    expect(err.response?.data).toMatchObject({ result: 'error' });
  });
});

describe('FakeNotify token bucket', () => {
  it('refuses with RateLimitError once the bucket is empty, as Notify does (capacity N allows N − 1)', async () => {
    const { fake, client } = await startFake({ bucket: { capacity: 3, refillPerSecond: 1 } });
    try {
      const send = () => client.sendSms(ALERT_TEMPLATE.id, MOBILE, { personalisation: ALERT });
      const results = await Promise.allSettled([send(), send(), send(), send()]);
      const statuses = results.map((r) => (r.status === 'fulfilled' ? r.value.status : (r.reason as AxiosError).response?.status));
      expect(statuses).toEqual([201, 201, 429, 429]);
      const fourth = results[3];
      expect(fourth.status === 'rejected' && (fourth.reason as AxiosError).response?.data).toEqual(
        errorBody(429, 'RateLimitError', 'Exceeded rate limit for key type LIVE of 60 requests per 60 seconds'),
      );
      expect(fake.received).toHaveLength(2);
    } finally {
      await fake.stop();
    }
  });

  it('refills from elapsed time, and rejected requests take tokens too', async () => {
    let now = Date.now();
    const { fake, client } = await startFake({ bucket: { capacity: 3, refillPerSecond: 1 }, clock: () => now });
    try {
      const send = async () => {
        try {
          return (await client.sendSms(ALERT_TEMPLATE.id, MOBILE, { personalisation: ALERT })).status;
        } catch (error) {
          return isAxiosError(error) ? error.response?.status : error;
        }
      };
      expect([await send(), await send(), await send()]).toEqual([201, 201, 429]);
      now += 1000; // one token back, which this request takes and is still refused
      expect(await send()).toBe(429);
      now += 2000;
      expect(await send()).toBe(201);
    } finally {
      await fake.stop();
    }
  });
});

describe('FakeNotify options', () => {
  it('refuses tokens whose iat is more than 30 s off the server clock', async () => {
    const { fake, client } = await startFake({ clock: () => Date.now() + 60_000 });
    try {
      const err = await rejectionOf(client.sendSms(ALERT_TEMPLATE.id, MOBILE, { personalisation: ALERT }));
      expect(err.response?.data).toEqual(errorBody(403, 'AuthError', 'Error: Your system clock must be accurate to within 30 seconds'));
    } finally {
      await fake.stop();
    }
  });

  it('auto-delivers like a test key', async () => {
    const { fake, client } = await startFake({ autoDeliver: true });
    try {
      const send = (phone: string) => client.sendSms(SIGNPOST_TEMPLATE.id, phone, { personalisation: { reference: 'R', url: 'https://x' } });
      await send('07700900123');
      await send('07700900003');
      await send('+447700900002');
      expect(fake.received.map((s) => s.status)).toEqual(['delivered', 'temporary-failure', 'permanent-failure']);
      expect(fake.received[0].body).toBe('Public bulletin for R: https://x');
    } finally {
      await fake.stop();
    }
  });

  it('serves the control routes when asked', async () => {
    const { fake, url, client } = await startFake({ controlEndpoints: true });
    try {
      await axios.post(`${url}/_fake/faults`, [{ kind: 'status', status: 503, times: 1 }]);
      const err = await rejectionOf(client.sendSms(ALERT_TEMPLATE.id, MOBILE, { personalisation: ALERT }));
      expect(err.response?.status).toBe(503);
      await client.sendSms(ALERT_TEMPLATE.id, MOBILE, { personalisation: ALERT });
      const received = await axios.get(`${url}/_fake/received`);
      expect(received.data).toHaveLength(1);
      await axios.post(`${url}/_fake/reset`);
      expect(fake.received).toHaveLength(0);
      const bad = await rejectionOf(axios.post(`${url}/_fake/faults`, [{ kind: 'nope', times: 1 }]));
      expect(bad.response?.status).toBe(400);
    } finally {
      await fake.stop();
    }
  });
});
