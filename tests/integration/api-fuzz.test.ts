import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { createRoom } from '@/lib/incidents/create-room';
import { apiRequest, apiV1RouteFiles, apiV1Routes, call, METHODS, routePath, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, makeChannel, makeOrg, makeUser, rowCounts, useTestDatabase } from './harness';

/**
 * Attack tests: random and hostile input thrown at every /api/v1 route handler (found on disk, so routes
 * added later are covered). Whatever arrives, the answer is never a 500, and a refused request writes nothing.
 */
useTestDatabase();

/** Field names the API's schemas use, so hostile values reach the validators rather than only unknown keys. */
const FIELDS = [
  'title', 'body', 'severity', 'tlp', 'summary', 'publicHeadline', 'invite', 'organisations', 'users', 'response', 'role',
  'status', 'reason', 'name', 'email', 'mobile', 'phone', 'q', 'anonymous', 'kind', 'note', 'message', 'headline', 'text',
  'slug', 'description', 'locked', 'pinned', 'hidden', 'action', 'version', 'token', 'code', 'password', 'organisationId',
  'userId', 'odsCode', 'postId', 'threadId', 'ids', 'level', 'watch', 'until', 'minutes', 'jobTitle', 'sponsorEmail',
  'updateIntervalMinutes', 'escalationMinutes', 'incidentContact', 'deputy', 'cursor', 'limit', 'format', 'expiresAt',
];
const POLLUTION = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];
const NASTY = [
  '', ' ', '\u0000', 'a\u0000b', '\t\n\r', '\u202e\u0645\u0631\u062d\u0628\u0627', '\ud800', '\udfff\ud800', 'Z\u0351\u036b\u0343\u036a\u0302',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '<svg onload=alert(1)>', '{{7*7}}${7*7}',
  "' OR '1'='1", "'; DROP TABLE users; --", '1; select pg_sleep(10)', '\\', '%00', '%27', '../../../etc/passwd', 'null', 'undefined',
  'NaN', '-1', '0', '1e309', '-0', '9999999999999999999999', '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-00000000000', 'g0000000-0000-4000-8000-000000000000', 'CLEAR', 'RED', 'AMBER+STRICT', 'admin', 'accept',
  ...POLLUTION,
];

const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(60_000), '\u{1F600}'.repeat(30_000), 'a\u0000'.repeat(5_000)) },
);
const key = fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom(...POLLUTION), fc.string({ maxLength: 12 }));
const { value } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(key, tie('value'), { maxKeys: 6 }),
  ),
}));
const deep = (n: number, open: string, close: string, inner = '1') => open.repeat(n) + inner + close.repeat(n);
/** A request body: mostly JSON objects with our field names, also other JSON, broken JSON, huge and deep bodies. */
const body = fc.oneof(
  { weight: 6, arbitrary: fc.dictionary(key, value, { maxKeys: 8 }).map((o) => JSON.stringify(o)) },
  { weight: 2, arbitrary: value.map((v) => JSON.stringify(v) ?? 'null') },
  { weight: 1, arbitrary: hostileString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '{"__proto__": {"isAdmin": true, "role": "admin"}, "constructor": {"prototype": {"polluted": true}}}',
      '{"title": "a", "title": {"__proto__": {"polluted": true}}}',
      deep(5_000, '[', ']'),
      deep(5_000, '{"a":', '}'),
      deep(200_000, '[', ']'),
      `{"body": "${'y'.repeat(2_000_000)}"}`,
      '{"body": "\\u0000\\u0000", "title": "\\ud800"}',
      '\ufeff{"title": "bom"}',
      '{"title": "unterminated',
      'null',
      '[]',
      '"string"',
      '12',
    ),
  },
);

const NUL_BODY = JSON.stringify(Object.fromEntries(FIELDS.map((f) => [f, 'a\u0000b'])));
const POLLUTING_BODY = '{"__proto__": {"isAdmin": true, "role": "admin"}, "constructor": {"prototype": {"polluted": true}}, "title": "t", "body": "b"}';

let sessions: SignedIn[];
let knownIds: string[];

beforeAll(async () => {
  const org = await makeOrg({ odsCode: 'FZ1' });
  const lead = await makeUser({ role: 'incident_lead', organisation: org });
  const admin = await makeUser({ role: 'admin' });
  const member = await makeUser({ organisation: org });
  sessions = [await signedIn(lead), await signedIn(admin), await signedIn(member)];
  const channel = await makeChannel({ slug: 'fuzz' });
  const thread = await createThread(actorFor(member), channel.slug, { title: 'Fuzz thread', body: 'Fuzz body' });
  const post = await createPost(actorFor(member), thread.id, { body: 'A reply to fuzz' });
  const room = await createRoom(actorFor(lead), {
    title: 'Fuzz room',
    severity: 'moderate',
    tlp: 'AMBER',
    summary: 'Restricted fuzz summary',
    publicHeadline: 'Fuzz headline',
    invite: { users: [member.email] },
  });
  knownIds = [thread.id, post.id, room.id, channel.slug, lead.id, admin.id, member.id, org.id, org.odsCode, room.reference];
});

afterAll(() => {
  // Nothing the requests sent reached Object.prototype.
  expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const paramValue = () => fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...knownIds) }, { weight: 1, arbitrary: hostileString.filter((s) => s.length < 5000) });
const query = fc.dictionary(fc.constantFrom('q', 'cursor', 'limit', 'status', 'view', 'format', 'before', 'after', 'type', '__proto__'), hostileString.filter((s) => s.length < 5000), { maxKeys: 4 });

const routes = await apiV1Routes(apiV1RouteFiles());

describe.each(routes.map((r) => [r.route || '(root)', r] as const))('/api/v1/%s', (_, route) => {
  const methods = METHODS.filter((m) => route.handlers[m]);
  it.each(methods)('%s: hostile input never gives a 500 and a refusal writes nothing', async (method) => {
    const knownParams = () => Object.fromEntries(route.params.map((p, i) => [p, knownIds[i % knownIds.length]]));
    const params = fc.record(Object.fromEntries(route.params.map((p) => [p, paramValue()])) as Record<string, fc.Arbitrary<string>>);
    await fc.assert(
      fc.asyncProperty(params, query, method === 'GET' ? fc.constant(undefined) : body, fc.nat(sessions.length - 1), async (values, q, raw, who) => {
        const search = new URLSearchParams(Object.entries(q)).toString();
        const path = `${routePath(route, values)}${search ? `?${search}` : ''}`;
        const before = await rowCounts();
        const res = await call(route, method, apiRequest(sessions[who], method, path, { body: raw }), values);
        const text = await res.text();
        expect(res.status, `${method} ${path} → ${text.slice(0, 300)}`).toBeLessThan(500);
        if (res.status >= 400) {
          expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
          expect(await rowCounts(), `${method} ${path} refused with ${res.status} but wrote`).toEqual(before);
        }
      }),
      {
        numRuns: method === 'GET' ? 6 : 12,
        endOnFailure: true,
        // Always tried: real ids with NUL in every field and in the query, and with a prototype-polluting body.
        examples: [
          [knownParams(), { q: 'a\u0000b' }, method === 'GET' ? undefined : NUL_BODY, 0],
          [knownParams(), {}, method === 'GET' ? undefined : POLLUTING_BODY, 1],
        ],
      },
    );
  });
});
