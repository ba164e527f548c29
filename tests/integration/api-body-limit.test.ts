import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { POST as notifyCallback } from '@/app/api/notify/callback/route';
import { POST as startThreadRoute } from '@/app/api/v1/channels/[slug]/threads/route';
import { POST as resendRoute } from '@/app/api/v1/incidents/[id]/sms/resend/route';
import { POST as approveRoute } from '@/app/api/v1/signups/[id]/approve/route';
import { setRuntimeEnv } from '@/lib/config';
import { MAX_BODY_BYTES } from '@/lib/http/body-limit';
import { apiRequest, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, makeChannel, makeUser, openCriticalRoom, randomId, rawSql, rowCounts, useTestDatabase } from './harness';

/**
 * Every API body is read through one capped reader (lib/http/api.ts `readBodyText`): at most 1 MiB, the same
 * limit and 413 answer as the routes the HTTP server answers itself (direct-routes.test.ts). A Content-Length over
 * the limit is refused before the body is touched; otherwise the body is counted as it streams and reading
 * stops just past the limit. Either way nothing is written.
 */
useTestDatabase();

const CHUNK = 64 * 1024;
const TOO_LARGE = { error: { code: 'invalid', message: 'The request body is too large (the limit is 1 MiB).' } };

let member: SignedIn;
let moderator: SignedIn;
let lead: SignedIn;
let slug: string;
let roomId: string;

beforeAll(async () => {
  member = await signedIn(await makeUser({ name: 'Bea Bulk' }));
  moderator = await signedIn(await makeUser({ role: 'moderator' }));
  const leadUser = await makeUser({ role: 'incident_lead' });
  lead = await signedIn(leadUser);
  slug = (await makeChannel()).slug;
  const invited = await makeUser({ name: 'Ivy Invited' });
  roomId = (await openCriticalRoom(actorFor(leadUser), [invited.email])).id;
});

/**
 * A body that records how much of it the server pulled: `json`, then spaces (still valid JSON) up to `total`
 * bytes, in 64 KiB chunks produced only when read.
 */
function paddedBody(json: string, total: number) {
  const head = new TextEncoder().encode(json);
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close();
        const n = Math.min(CHUNK, total - pulled);
        const chunk = new Uint8Array(n).fill(0x20);
        if (pulled < head.length) chunk.set(head.subarray(pulled, pulled + n));
        pulled += n;
        controller.enqueue(chunk);
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

/** apiRequest's session, Origin and CSRF headers, with a streamed body (and whatever Content-Length the test declares). */
function streamed(session: SignedIn | null, path: string, body: ReturnType<typeof paddedBody>, headers: Record<string, string> = {}) {
  const base = apiRequest(session, 'POST', path, { headers: { 'content-type': 'application/json', ...headers } });
  return new NextRequest(base.url, { method: 'POST', headers: base.headers, body: body.stream, duplex: 'half' } as ConstructorParameters<typeof NextRequest>[1]);
}

const threadJson = JSON.stringify({ title: 'Padded', body: 'A thread whose body is padded with spaces' });
const startThread = (req: NextRequest) => startThreadRoute(req, { params: Promise.resolve({ slug }) });

async function expectTooLarge(res: Response) {
  expect(res.status).toBe(413);
  expect(res.headers.get('cache-control')).toBe('no-store');
  expect(await res.json()).toEqual(TOO_LARGE);
}

describe('the 1 MiB body limit on routes Next answers', () => {
  it('refuses a Content-Length over the limit with 413 before reading any of the body, writing nothing', async () => {
    const before = await rowCounts();
    const body = paddedBody(threadJson, MAX_BODY_BYTES + 1);
    await expectTooLarge(await startThread(streamed(member, `/api/v1/channels/${slug}/threads`, body, { 'content-length': String(MAX_BODY_BYTES + 1) })));
    expect(body.pulled()).toBe(0);
    expect(await rowCounts()).toEqual(before);
  });

  it('counts a body without Content-Length as it streams and stops reading just past the limit: 413, nothing written', async () => {
    const before = await rowCounts();
    const body = paddedBody(threadJson, 8 * MAX_BODY_BYTES);
    await expectTooLarge(await startThread(streamed(member, `/api/v1/channels/${slug}/threads`, body)));
    expect(body.pulled()).toBeGreaterThan(MAX_BODY_BYTES);
    expect(body.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + CHUNK);
    expect(await rowCounts()).toEqual(before);
  });

  it('does not trust a Content-Length smaller than the body that arrives', async () => {
    const before = await rowCounts();
    const body = paddedBody(threadJson, 4 * MAX_BODY_BYTES);
    await expectTooLarge(await startThread(streamed(member, `/api/v1/channels/${slug}/threads`, body, { 'content-length': '100' })));
    expect(body.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + CHUNK);
    expect(await rowCounts()).toEqual(before);
  });

  it('still takes a body of exactly 1 MiB, streamed or declared', async () => {
    const plain = await startThread(streamed(member, `/api/v1/channels/${slug}/threads`, paddedBody(threadJson, MAX_BODY_BYTES)));
    expect(plain.status).toBe(201);
    const declared = paddedBody(threadJson, MAX_BODY_BYTES);
    const res = await startThread(streamed(member, `/api/v1/channels/${slug}/threads`, declared, { 'content-length': String(MAX_BODY_BYTES) }));
    expect(res.status).toBe(201);
    expect(declared.pulled()).toBe(MAX_BODY_BYTES);
  });

  it('sign-up approval (an optional body) reads no more of it than the limit', async () => {
    const approval = paddedBody(JSON.stringify({ note: 'ok' }), 8 * MAX_BODY_BYTES);
    const approved = await approveRoute(streamed(moderator, `/api/v1/signups/${randomId()}/approve`, approval), { params: Promise.resolve({ id: randomId() }) });
    await expectTooLarge(approved);
    expect(approval.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + CHUNK);
  });

  it('the SMS re-send (an optional body) no longer takes an over-limit or broken body as “re-send everything”', async () => {
    // A failed text that a re-send would queue again.
    const [failed] = await rawSql()<{ id: string }[]>`update sms_messages set status = 'failed' where room_id = ${roomId} returning id`;
    expect(failed).toBeDefined();
    const before = await rowCounts();
    const resend = (req: NextRequest) => resendRoute(req, { params: Promise.resolve({ id: roomId }) });
    await expectTooLarge(await resend(streamed(lead, `/api/v1/incidents/${roomId}/sms/resend`, paddedBody('{}', 4 * MAX_BODY_BYTES))));
    // Not JSON is a 400 now, rather than "re-send everything".
    const broken = await resend(apiRequest(lead, 'POST', `/api/v1/incidents/${roomId}/sms/resend`, { body: '{"smsIds": [' }));
    expect(broken.status).toBe(400);
    expect(await rowCounts()).toEqual(before);
    const [row] = await rawSql()<{ status: string }[]>`select status from sms_messages where id = ${failed.id}`;
    expect(row.status).toBe('failed');
    // No body at all still means every failed text.
    expect((await resend(apiRequest(lead, 'POST', `/api/v1/incidents/${roomId}/sms/resend`))).status).toBe(200);
  });

  it('the Notify delivery callback answers an over-limit body with the same 413', async () => {
    process.env.NOTIFY_CALLBACK_TOKEN = 'callback-token-0123456789abcdef';
    setRuntimeEnv({});
    try {
      const before = await rowCounts();
      const body = paddedBody('{"id": "x"}', 4 * MAX_BODY_BYTES);
      const req = streamed(null, '/api/notify/callback', body, { authorization: 'Bearer callback-token-0123456789abcdef' });
      await expectTooLarge(await notifyCallback(req));
      expect(body.pulled()).toBeLessThanOrEqual(MAX_BODY_BYTES + CHUNK);
      expect(await rowCounts()).toEqual(before);
    } finally {
      delete process.env.NOTIFY_CALLBACK_TOKEN;
      setRuntimeEnv({});
    }
  });
});
