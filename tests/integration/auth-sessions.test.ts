import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as sessionsGet, DELETE as sessionsDelete } from '@/app/api/v1/me/sessions/route';
import { DELETE as sessionDelete } from '@/app/api/v1/me/sessions/[id]/route';
import { POST as passwordPost } from '@/app/api/v1/me/password/route';
import { actorFromSessionToken } from '@/lib/auth/actor';
import { changePassword } from '@/lib/auth/change-password';
import { listMySessions } from '@/lib/auth/list-sessions';
import { revokeMyOtherSessions, revokeMySession } from '@/lib/auth/revoke-session';
import { sessionCookieFor } from '@/lib/auth/sessions';
import { authenticate } from '@/lib/auth/sign-in';
import { revokeAllSessions, dropLiveConnections } from '@/lib/auth/sign-out-everywhere';
import { csrfTokenFor } from '@/lib/http/csrf';
import { setIo } from '@/lib/realtime/emit';
import { attachRealtime } from '@/lib/realtime/server';
import { db, errorOf, makeUser, rowCounts, schema, useTestDatabase, type RowCounts, type TestUser } from './harness';

useTestDatabase();

const ORIGIN = 'http://localhost:3000';
let ipCounter = 0;
const freshIp = () => `203.0.113.${++ipCounter}`;
const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';

type Browser = { sessionId: string; token: string; cookie: string; csrf: string };

/** A browser that signed in with the password form. */
async function signIn(person: TestUser, userAgent = CHROME, password = person.password): Promise<Browser> {
  const signedIn = await authenticate({ email: person.email, password }, { ip: freshIp(), userAgent });
  if (!signedIn) throw new Error('sign-in failed');
  const c = await sessionCookieFor({ userId: signedIn.id, sessionVersion: signedIn.sessionVersion, sessionId: signedIn.sessionId });
  return { sessionId: signedIn.sessionId, token: c.value, cookie: `${c.name}=${c.value}`, csrf: csrfTokenFor(signedIn.sessionId) };
}

const actorOf = async (b: Browser) => (await actorFromSessionToken(b.token))!;

function request(b: Browser, method: string, path: string, body?: unknown) {
  const headers = new Headers({ cookie: b.cookie, origin: ORIGIN, 'user-agent': FIREFOX });
  if (method !== 'GET') headers.set('x-csrf-token', b.csrf);
  if (body !== undefined) headers.set('content-type', 'application/json');
  return new NextRequest(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}
const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
const withoutLimits = (counts: RowCounts) => ({ ...counts, rate_limits: 0 });

describe('my sessions', () => {
  it('lists the sessions in force with device, address and times, marking this one', async () => {
    const person = await makeUser();
    const a = await signIn(person, CHROME);
    const b = await signIn(person, FIREFOX);
    const gone = await signIn(person, FIREFOX);
    await revokeMySession(await actorOf(a), gone.sessionId);
    const list = await listMySessions(await actorOf(a));
    expect(list.map((s) => s.id).sort()).toEqual([a.sessionId, b.sessionId].sort());
    expect(list.find((s) => s.id === a.sessionId)).toMatchObject({ current: true, device: 'Chrome on Windows', userAgent: CHROME, ip: expect.stringMatching(/^203\.0\.113\./) });
    expect(list.find((s) => s.id === b.sessionId)).toMatchObject({ current: false, device: 'Firefox on Linux' });
    const res = await sessionsGet(request(b, 'GET', '/api/v1/me/sessions'), ctx({}));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sessions: { id: string; current: boolean }[] };
    expect(body.sessions.filter((s) => s.current).map((s) => s.id)).toEqual([b.sessionId]);
  });

  it('revoking one signs it out on its very next request, and the API then answers 401', async () => {
    const person = await makeUser();
    const a = await signIn(person);
    const b = await signIn(person);
    const res = await sessionDelete(request(a, 'DELETE', `/api/v1/me/sessions/${b.sessionId}`), ctx({ id: b.sessionId }));
    expect(res.status).toBe(200);
    expect(await actorFromSessionToken(b.token)).toBeNull();
    expect((await sessionsGet(request(b, 'GET', '/api/v1/me/sessions'), ctx({}))).status).toBe(401);
    expect(await actorFromSessionToken(a.token)).toMatchObject({ id: person.id });
    const audit = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.actorId, person.id), eq(schema.auditEvents.action, 'user.session_revoked')));
    expect(audit).toHaveLength(1);
  });

  it('a cookie already seen still stops working the moment its session is revoked, and once it expires', async () => {
    const person = await makeUser();
    const a = await signIn(person);
    const b = await signIn(person);
    expect(await actorOf(a)).toMatchObject({ id: person.id });
    expect(await actorOf(a)).toMatchObject({ id: person.id });
    await revokeMySession(await actorOf(b), a.sessionId);
    expect(await actorFromSessionToken(a.token)).toBeNull();

    expect(await actorOf(b)).toMatchObject({ id: person.id });
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      // Past the cookie's own expiry (12 hours); the clock PostgreSQL checks the session row with has not moved.
      vi.setSystemTime(Date.now() + 13 * 60 * 60 * 1000);
      expect(await actorFromSessionToken(b.token)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('someone else’s session, an unknown id or junk is a 404 and changes nothing', async () => {
    const person = await makeUser();
    const other = await makeUser();
    const mine = await signIn(person);
    const theirs = await signIn(other);
    const actor = await actorOf(mine);
    const before = await rowCounts();
    for (const id of [theirs.sessionId, '00000000-0000-4000-8000-000000000000', 'junk']) {
      expect(await errorOf(() => revokeMySession(actor, id))).toMatchObject({ code: 'not_found', status: 404 });
    }
    expect(await rowCounts()).toEqual(before);
    expect(await actorFromSessionToken(theirs.token)).toMatchObject({ id: other.id });
  });

  it('“sign out everywhere else” keeps this session only', async () => {
    const person = await makeUser();
    const [a, b, c] = [await signIn(person), await signIn(person), await signIn(person)];
    const res = await sessionsDelete(request(a, 'DELETE', '/api/v1/me/sessions'), ctx({}));
    expect(await res.json()).toEqual({ revoked: 2 });
    expect(await actorFromSessionToken(a.token)).toMatchObject({ id: person.id });
    expect(await actorFromSessionToken(b.token)).toBeNull();
    expect(await actorFromSessionToken(c.token)).toBeNull();
    expect(await revokeMyOtherSessions(await actorOf(a))).toEqual({ revoked: 0 });
  });

  it('revokeAllSessions (suspension, sign out everywhere) leaves no actor for any of the person’s sessions', async () => {
    const person = await makeUser();
    const [a, b] = [await signIn(person), await signIn(person)];
    await db().transaction((tx) => revokeAllSessions(tx, person.id, 'suspended'));
    expect(await actorFromSessionToken(a.token)).toBeNull();
    expect(await actorFromSessionToken(b.token)).toBeNull();
  });
});

describe('changing the password', () => {
  it('needs the current password and a new one that meets the policy; a refusal changes nothing', async () => {
    const person = await makeUser({ email: 'robin.hood@test.nhs.uk', name: 'Robin Hood' });
    const a = await signIn(person);
    const actor = await actorOf(a);
    const cases: [unknown, string, string][] = [
      [{ currentPassword: 'wrong password', newPassword: 'harbour lantern quietly 42' }, 'invalid', 'currentPassword'],
      [{ currentPassword: person.password, newPassword: 'short one' }, 'invalid', 'newPassword'],
      [{ currentPassword: person.password, newPassword: 'Nhs123456789!' }, 'invalid', 'newPassword'],
      [{ currentPassword: person.password, newPassword: 'robin.hood sherwood forest' }, 'invalid', 'newPassword'],
    ];
    for (const [input, code, field] of cases) {
      const before = await rowCounts();
      const error = await errorOf(() => changePassword(actor, input, {}));
      expect(error, JSON.stringify(input)).toMatchObject({ code, fields: { [field]: [expect.any(String)] } });
      expect(withoutLimits(await rowCounts())).toEqual(withoutLimits(before));
    }
    expect(await errorOf(() => changePassword(actor, { currentPassword: person.password, newPassword: person.password }, {}))).toMatchObject({ code: 'invalid' });
    expect(await errorOf(() => changePassword(actor, {}, {}))).toMatchObject({ code: 'invalid' });
    expect(await actorFromSessionToken(a.token)).toMatchObject({ id: person.id });
  });

  it('signs out every other session, keeps this browser on a fresh session, and the new password works', async () => {
    const person = await makeUser();
    const here = await signIn(person, CHROME);
    const elsewhere = await signIn(person, FIREFOX);
    const newPassword = 'harbour lantern quietly 42';
    const res = await passwordPost(request(here, 'POST', '/api/v1/me/password', { currentPassword: person.password, newPassword }), ctx({}));
    expect(res.status).toBe(200);
    const { sessionId } = (await res.json()) as { sessionId: string };
    expect(await actorFromSessionToken(elsewhere.token)).toBeNull();
    expect(await actorFromSessionToken(here.token)).toBeNull(); // the old cookie is replaced…
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^next-auth\.session-token=[^;]+; Path=\/;.*HttpOnly/i);
    const fresh = decodeURIComponent(/^next-auth\.session-token=([^;]+)/.exec(setCookie)![1]);
    expect(await actorFromSessionToken(fresh)).toMatchObject({ id: person.id, sessionId }); // …by a working one
    expect(await authenticate({ email: person.email, password: person.password }, { ip: freshIp() })).toBeNull();
    expect(await authenticate({ email: person.email, password: newPassword }, { ip: freshIp() })).not.toBeNull();
    const [row] = await db().select().from(schema.users).where(eq(schema.users.id, person.id));
    expect(row.passwordChangedAt).not.toBeNull();
    const audit = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.actorId, person.id), eq(schema.auditEvents.action, 'user.password_changed')));
    expect(audit).toHaveLength(1);
  });
});

describe('live connections', () => {
  let http: HttpServer;
  let url: string;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    http = createServer();
    setIo(attachRealtime(http));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    setIo(undefined);
    await new Promise((resolve) => http.close(resolve));
  });

  function open(b: Browser): Promise<{ socket: Socket; error?: string }> {
    const socket = connect(url, { transports: ['websocket'], extraHeaders: { cookie: b.cookie }, reconnection: false, forceNew: true });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.on('connect', () => resolve({ socket }));
      socket.on('connect_error', (e) => resolve({ socket, error: e.message }));
    });
  }

  it('revoking a session drops the person’s sockets; that session cannot reconnect, the others can', async () => {
    const person = await makeUser();
    const a = await signIn(person);
    const b = await signIn(person);
    const sa = await open(a);
    const sb = await open(b);
    expect(sa.error).toBeUndefined();
    expect(sb.error).toBeUndefined();
    const dropped = new Promise((resolve) => sb.socket.on('disconnect', resolve));
    await revokeMySession(await actorOf(a), b.sessionId);
    await dropped;
    expect((await open(b)).error).toBe('unauthenticated');
    expect((await open(a)).error).toBeUndefined();
  });

  it('signing out everywhere drops every socket and none can reconnect', async () => {
    const person = await makeUser();
    const a = await signIn(person);
    const sa = await open(a);
    expect(sa.error).toBeUndefined();
    const dropped = new Promise((resolve) => sa.socket.on('disconnect', resolve));
    await db().transaction((tx) => revokeAllSessions(tx, person.id, 'suspended'));
    dropLiveConnections(person.id);
    await dropped;
    expect((await open(a)).error).toBe('unauthenticated');
  });
});
