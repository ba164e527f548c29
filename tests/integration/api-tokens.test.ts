import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as meRoute } from '@/app/api/v1/me/route';
import { POST as mfaConfirmRoute } from '@/app/api/v1/me/mfa/confirm/route';
import { POST as recoveryCodesRoute } from '@/app/api/v1/me/mfa/recovery-codes/route';
import { DELETE as mfaOffRoute, GET as mfaRoute, POST as mfaStartRoute } from '@/app/api/v1/me/mfa/route';
import { POST as passwordRoute } from '@/app/api/v1/me/password/route';
import { DELETE as revokeSessionRoute } from '@/app/api/v1/me/sessions/[id]/route';
import { DELETE as revokeOtherSessionsRoute, GET as sessionsRoute } from '@/app/api/v1/me/sessions/route';
import { DELETE as revokeRoute } from '@/app/api/v1/me/api-tokens/[id]/route';
import { GET as listTokensRoute, POST as createTokenRoute } from '@/app/api/v1/me/api-tokens/route';
import { DELETE as removeMobileRoute, PUT as setMobileRoute } from '@/app/api/v1/me/mobile/route';
import { POST as verifyMobileRoute } from '@/app/api/v1/me/mobile/verify/route';
import { POST as replyRoute } from '@/app/api/v1/threads/[id]/posts/route';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { listApiTokens } from '@/lib/api-tokens/list-api-tokens';
import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { SESSION_ONLY_MESSAGE } from '@/lib/auth/require-session';
import { createThread } from '@/lib/forum/create-thread';
import { apiRequest, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, db, errorOf, makeChannel, makeUser, randomId, rawSql, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

/** Personal API tokens: shown once, stored hashed, scoped, expiring, revocable; Bearer on /api/v1 only. */
useTestDatabase();

let owner: TestUser;
let session: SignedIn;
let threadId: string;
const none = { params: Promise.resolve({}) };

beforeAll(async () => {
  owner = await makeUser({ name: 'Tilly Token' });
  session = await signedIn(owner);
  threadId = (await createThread(actorFor(owner), (await makeChannel()).slug, { title: 'Token thread', body: 'b' })).id;
});

const bearer = (token: string, method = 'GET', path = '/api/v1/me', body?: unknown) =>
  apiRequest(null, method, path, { origin: null, headers: { authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body) });

async function create(body: unknown, as: SignedIn = session) {
  const res = await createTokenRoute(apiRequest(as, 'POST', '/api/v1/me/api-tokens', { body: JSON.stringify(body) }), none);
  return { status: res.status, json: await res.json() };
}

describe('creating tokens', () => {
  it('shows the token once (wr_ + 32 random bytes), stores only its SHA-256 hash, defaults to 90 days', async () => {
    const { status, json } = await create({ name: 'SIEM export', scope: 'read' });
    expect(status).toBe(201);
    expect(json.token).toMatch(/^wr_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(json.token.slice(3), 'base64url')).toHaveLength(32);
    const [row] = await db().select().from(schema.apiTokens).where(eq(schema.apiTokens.id, json.id));
    expect(row.tokenHash).toBe(createHash('sha256').update(json.token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(json.token);
    expect(json.token.startsWith(row.prefix)).toBe(true);
    const [{ days }] = await rawSql()<{ days: number }[]>`select round(extract(epoch from (expires_at - created_at)) / 86400)::int as days from api_tokens where id = ${json.id}`;
    expect(days).toBe(90);
    const listed = await listTokensRoute(apiRequest(session, 'GET', '/api/v1/me/api-tokens'), none);
    const text = await listed.text();
    expect(text).not.toContain(json.token);
    expect(JSON.parse(text).tokens[0]).toMatchObject({ id: json.id, name: 'SIEM export', scope: 'read', prefix: row.prefix, state: 'active', lastUsedAt: null });
    const audit = await db().select().from(schema.auditEvents).where(eq(schema.auditEvents.subjectId, json.id));
    expect(audit.map((a) => a.action)).toEqual(['api_token.create']);
  });

  it('refuses bad input with field errors and writes nothing', async () => {
    const before = await rowCounts();
    for (const [body, field] of [
      [{ scope: 'read' }, 'name'],
      [{ name: 'x', scope: 'admin' }, 'scope'],
      [{ name: 'x', scope: 'read', expiresInDays: 366 }, 'expiresInDays'],
      [{ name: 'x', scope: 'read', expiresInDays: 0 }, 'expiresInDays'],
      [{ name: 'x', scope: 'read', expiresInDays: 1.5 }, 'expiresInDays'],
    ] as const) {
      const { status, json } = await create(body);
      expect(status).toBe(400);
      expect(json.error.fields).toHaveProperty(field);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('using tokens', () => {
  it('a read-write token reads and writes /api/v1 without cookies, Origin or CSRF token', async () => {
    const { json } = await create({ name: 'Bot', scope: 'read_write', expiresInDays: 365 });
    const me = await meRoute(bearer(json.token), none);
    expect(me.status).toBe(200);
    expect(JSON.stringify(await me.json())).toContain(owner.email);
    const posted = await replyRoute(bearer(json.token, 'POST', `/api/v1/threads/${threadId}/posts`, { body: 'posted by a bot' }), { params: Promise.resolve({ id: threadId }) });
    expect(posted.status).toBe(201);
    const [post] = await db().select().from(schema.posts).where(eq(schema.posts.id, (await posted.json()).id));
    expect(post.authorId).toBe(owner.id);
  });

  it('a read-only token is refused (403) on anything but a read, and nothing is written', async () => {
    const { json } = await create({ name: 'Reader', scope: 'read' });
    expect((await meRoute(bearer(json.token), none)).status).toBe(200);
    const before = await rowCounts();
    const res = await replyRoute(bearer(json.token, 'POST', `/api/v1/threads/${threadId}/posts`, { body: 'nope' }), { params: Promise.resolve({ id: threadId }) });
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toBe('This API token is read-only.');
    expect(await rowCounts()).toEqual(before);
  });

  it('expired, revoked, unknown and malformed tokens get 401', async () => {
    const expired = (await create({ name: 'Old', scope: 'read' })).json;
    await rawSql()`update api_tokens set expires_at = now() - interval '1 second' where id = ${expired.id}`;
    const revoked = (await create({ name: 'Gone', scope: 'read' })).json;
    const res = await revokeRoute(apiRequest(session, 'DELETE', `/api/v1/me/api-tokens/${revoked.id}`), { params: Promise.resolve({ id: revoked.id }) });
    expect(res.status).toBe(200);
    for (const token of [expired.token, revoked.token, `wr_${'A'.repeat(43)}`, 'not-a-token']) {
      const r = await meRoute(bearer(token), none);
      expect(r.status).toBe(401);
      expect((await r.json()).error.message).toMatch(/not valid/);
    }
    const basic = await meRoute(apiRequest(null, 'GET', '/api/v1/me', { headers: { authorization: 'Basic Zm9vOmJhcg==' } }), none);
    expect(basic.status).toBe(401);
    const states = Object.fromEntries((await listApiTokens({ ...actorFor(owner), sessionId: session.sessionId })).tokens.map((t) => [t.id, t.state]));
    expect(states[expired.id]).toBe('expired');
    expect(states[revoked.id]).toBe('revoked');
    const audit = await db().select().from(schema.auditEvents).where(eq(schema.auditEvents.subjectId, revoked.id));
    expect(audit.map((a) => a.action)).toEqual(['api_token.create', 'api_token.revoke']);
  });

  it('a token cannot create, list or revoke tokens (session only)', async () => {
    const { json } = await create({ name: 'Full', scope: 'read_write' });
    const before = await rowCounts();
    const made = await createTokenRoute(bearer(json.token, 'POST', '/api/v1/me/api-tokens', { name: 'Child', scope: 'read_write' }), none);
    expect(made.status).toBe(403);
    expect((await listTokensRoute(bearer(json.token, 'GET', '/api/v1/me/api-tokens'), none)).status).toBe(403);
    const revoke = await revokeRoute(bearer(json.token, 'DELETE', `/api/v1/me/api-tokens/${json.id}`), { params: Promise.resolve({ id: json.id }) });
    expect(revoke.status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it('records last use at most once a minute', async () => {
    const { json } = await create({ name: 'Counter', scope: 'read' });
    await meRoute(bearer(json.token), none);
    const first = (await db().select().from(schema.apiTokens).where(eq(schema.apiTokens.id, json.id)))[0].lastUsedAt;
    expect(first).not.toBeNull();
    await meRoute(bearer(json.token), none);
    const second = (await db().select().from(schema.apiTokens).where(eq(schema.apiTokens.id, json.id)))[0].lastUsedAt;
    expect(second?.getTime()).toBe(first!.getTime());
    // A minute later (moved back rather than waited for) the next use is recorded.
    await rawSql()`update api_tokens set last_used_at = last_used_at - interval '61 seconds' where id = ${json.id}`;
    await meRoute(bearer(json.token), none);
    const third = (await db().select().from(schema.apiTokens).where(eq(schema.apiTokens.id, json.id)))[0].lastUsedAt;
    expect(third!.getTime()).toBeGreaterThan(first!.getTime() - 61_000);
    expect(third!.getTime()).not.toBe(first!.getTime() - 61_000);
  });

  it('only the owner can revoke a token; others get 404', async () => {
    const { json } = await create({ name: 'Mine', scope: 'read' });
    const someone = await makeUser();
    const stranger = { ...actorFor(someone), sessionId: (await signedIn(someone)).sessionId };
    expect((await errorOf(() => revokeApiToken(stranger, json.id))).status).toBe(404);
    expect((await errorOf(() => revokeApiToken(stranger, randomId()))).status).toBe(404);
    expect((await meRoute(bearer(json.token), none)).status).toBe(200);
    expect((await errorOf(() => createApiToken({ ...actorFor(owner), apiToken: { id: json.id, scope: 'read_write' } } as never, { name: 'x', scope: 'read' }))).status).toBe(403);
  });

  it('a cookie write from another origin is still refused (bearer requests alone skip that check)', async () => {
    const res = await createTokenRoute(apiRequest(session, 'POST', '/api/v1/me/api-tokens', { body: JSON.stringify({ name: 'x', scope: 'read' }), origin: 'https://evil.example', csrf: null }), none);
    expect(res.status).toBe(403);
  });
});

describe('account security is session only', () => {
  type Route = (req: ReturnType<typeof apiRequest>, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

  it('a read-write token gets 403 on sessions, password, two-step verification and the alert mobile, and nothing changes', async () => {
    const person = await makeUser({ name: 'Tess Tokenholder' });
    const browser = await signedIn(person);
    const other = await signedIn(person);
    const { json: made } = await create({ name: 'Automation', scope: 'read_write' }, browser);
    const userBefore = (await db().select().from(schema.users).where(eq(schema.users.id, person.id)))[0];
    const before = await rowCounts();
    const password = { currentPassword: person.password, newPassword: 'tangerine lighthouse harbour seventeen' };
    const attempts: [string, string, Route, Record<string, string>, unknown?][] = [
      ['GET', '/api/v1/me/sessions', sessionsRoute as Route, {}],
      ['DELETE', '/api/v1/me/sessions', revokeOtherSessionsRoute as Route, {}],
      ['DELETE', `/api/v1/me/sessions/${other.sessionId}`, revokeSessionRoute as Route, { id: other.sessionId }],
      ['POST', '/api/v1/me/password', passwordRoute as Route, {}, password],
      ['GET', '/api/v1/me/mfa', mfaRoute as Route, {}],
      ['POST', '/api/v1/me/mfa', mfaStartRoute as Route, {}],
      ['DELETE', '/api/v1/me/mfa', mfaOffRoute as Route, {}, { password: person.password }],
      ['POST', '/api/v1/me/mfa/confirm', mfaConfirmRoute as Route, {}, { code: '123456' }],
      ['POST', '/api/v1/me/mfa/recovery-codes', recoveryCodesRoute as Route, {}, { password: person.password }],
      ['PUT', '/api/v1/me/mobile', setMobileRoute as Route, {}, { mobile: '07700 900999' }],
      ['POST', '/api/v1/me/mobile/verify', verifyMobileRoute as Route, {}, { code: '123456' }],
      ['DELETE', '/api/v1/me/mobile', removeMobileRoute as Route, {}],
    ];
    for (const [method, path, route, params, body] of attempts) {
      const res = await route(bearer(made.token, method, path, body), { params: Promise.resolve(params) });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.headers.get('set-cookie'), `${method} ${path}`).toBeNull();
      expect(await res.json(), `${method} ${path}`).toEqual({ error: { code: 'forbidden', message: SESSION_ONLY_MESSAGE } });
    }
    expect(await rowCounts()).toEqual(before);
    const userAfter = (await db().select().from(schema.users).where(eq(schema.users.id, person.id)))[0];
    expect(userAfter).toMatchObject({
      passwordHash: userBefore.passwordHash,
      sessionVersion: userBefore.sessionVersion,
      totpSecret: userBefore.totpSecret,
      totpEnabledAt: userBefore.totpEnabledAt,
      mobile: userBefore.mobile,
      mobileVerified: userBefore.mobileVerified,
    });
    const sessions = await db().select().from(schema.userSessions).where(eq(schema.userSessions.userId, person.id));
    expect(sessions.filter((row) => row.revokedAt)).toEqual([]);
    const audit = await db().select().from(schema.auditEvents).where(eq(schema.auditEvents.actorId, person.id));
    expect(audit.map((a) => a.action)).toEqual(['api_token.create']);
  });

  it('a cookie session still lists and revokes sessions and changes the password', async () => {
    const person = await makeUser({ name: 'Cora Cookie' });
    const browser = await signedIn(person);
    const other = await signedIn(person);
    const listed = await sessionsRoute(apiRequest(browser, 'GET', '/api/v1/me/sessions'), none);
    expect(listed.status).toBe(200);
    const { sessions } = await listed.json();
    expect(sessions.map((s: { id: string }) => s.id).sort()).toEqual([browser.sessionId, other.sessionId].sort());
    const revoked = await revokeSessionRoute(apiRequest(browser, 'DELETE', `/api/v1/me/sessions/${other.sessionId}`), { params: Promise.resolve({ id: other.sessionId }) });
    expect(revoked.status).toBe(200);
    expect((await mfaRoute(apiRequest(browser, 'GET', '/api/v1/me/mfa'), none)).status).toBe(200);
    const changed = await passwordRoute(
      apiRequest(browser, 'POST', '/api/v1/me/password', { body: JSON.stringify({ currentPassword: person.password, newPassword: 'tangerine lighthouse harbour seventeen' }) }),
      none,
    );
    expect(changed.status).toBe(200);
    expect(changed.headers.get('set-cookie')).toContain('session-token');
  });
});
