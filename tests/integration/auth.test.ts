import { and, eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { NextResponse } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorFromSessionToken, sessionFromToken, sessionTokenFromCookieHeader } from '@/lib/auth/actor';
import { authOptions } from '@/lib/auth/options';
import { sessionCookieName, sessionCookieOptions } from '@/lib/auth/session-cookie';
import { sessionCookieFor } from '@/lib/auth/sessions';
import { authenticate } from '@/lib/auth/sign-in';
import { SIGN_IN_BUDGETS, signInKeys, signInLimiter } from '@/lib/auth/sign-in-limits';
import { FailureLimiter } from '@/lib/auth/attempt-limiter';
import { setRuntimeEnv } from '@/lib/config';
import { db, describeError, errorOf, makeChannel, makeUser, rawSql, rowCounts, schema, TEST_AUTH_SECRET, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

let user: TestUser;
let ipCounter = 10;
/** Each test signs in from its own address, so failure budgets of one test do not touch another. */
const freshIp = () => `198.51.100.${++ipCounter}`;
const LOCKED = /^Too many sign-in attempts\. Try again in \d+ minutes?\.$/;

async function tokenFor(signedIn: { id: string; sessionVersion: number; sessionId: string }) {
  return (await sessionCookieFor({ userId: signedIn.id, sessionVersion: signedIn.sessionVersion, sessionId: signedIn.sessionId })).value;
}

beforeAll(async () => {
  user = await makeUser({ role: 'member', email: 'morgan.member@test.nhs.uk' });
});

describe('authenticate', () => {
  it('accepts the right password with any case or spacing of the email, opens a session row and records the sign-in', async () => {
    await db().update(schema.users).set({ dormantWarnedAt: new Date('2026-01-01T00:00:00Z'), lastActiveAt: new Date('2025-01-01T00:00:00Z') }).where(eq(schema.users.id, user.id));
    const ip = freshIp();
    const result = await authenticate({ email: '  Morgan.Member@TEST.nhs.uk ', password: user.password }, { ip, userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/131.0' });
    expect(result).toMatchObject({ id: user.id, name: user.name, email: user.email, sessionVersion: 0 });
    const [session] = await db().select().from(schema.userSessions).where(eq(schema.userSessions.id, result!.sessionId));
    expect(session).toMatchObject({ userId: user.id, ip, userAgent: 'Mozilla/5.0 (Windows NT 10.0) Chrome/131.0', mfaPassed: false, revokedAt: null });
    // The session lasts as long as the JWT (12 hours), measured from the row's own creation.
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeGreaterThan(12 * 3600_000 - 5_000);
    expect(session.expiresAt.getTime() - session.createdAt.getTime()).toBeLessThan(12 * 3600_000 + 5_000);
    const [after] = await db().select().from(schema.users).where(eq(schema.users.id, user.id));
    expect(after.dormantWarnedAt).toBeNull();
    expect(after.lastActiveAt.getTime()).toBeGreaterThan(new Date('2025-01-01T00:00:00Z').getTime());
    const events = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'user.sign_in'), eq(schema.auditEvents.actorId, user.id)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ ip, detail: { sessionId: result!.sessionId } });
  });

  it('gives the same null for a wrong password, an unknown email, a suspended account and junk, writing no session', async () => {
    const suspended = await makeUser({ status: 'suspended' });
    const attempts: unknown[] = [
      { email: user.email, password: 'wrong password' },
      { email: user.email, password: `${user.password} ` },
      { email: 'nobody@test.nhs.uk', password: user.password },
      { email: suspended.email, password: suspended.password },
      { email: user.email, password: '' },
      { email: 'not an email', password: user.password },
      { email: user.email },
      {},
      null,
      'morgan',
    ];
    const sessionsBefore = (await db().select().from(schema.userSessions)).length;
    for (const input of attempts) expect(await authenticate(input, { ip: freshIp() }), JSON.stringify(input)).toBeNull();
    expect(await db().select().from(schema.userSessions)).toHaveLength(sessionsBefore);
    const events = await db().select().from(schema.auditEvents).where(eq(schema.auditEvents.action, 'user.sign_in'));
    expect(events.every((e) => e.actorId === user.id)).toBe(true);
  });
});

describe('sign-in lockout', () => {
  const budget = SIGN_IN_BUDGETS.accountIp.points;

  it(`refuses the account from that address after ${budget} wrong passwords, even with the right one, and writes nothing`, async () => {
    const person = await makeUser();
    const ip = freshIp();
    for (let i = 0; i < budget; i++) expect(await authenticate({ email: person.email, password: `wrong ${i}` }, { ip })).toBeNull();
    const before = await rowCounts();
    const refused = await errorOf(() => authenticate({ email: person.email, password: person.password }, { ip }));
    expect(refused).toMatchObject({ code: 'rate_limited', status: 429 });
    expect(refused.message).toMatch(LOCKED);
    expect(await rowCounts()).toEqual(before);
    // Another address is not caught by the per-address lock.
    expect(await authenticate({ email: person.email, password: person.password }, { ip: freshIp() })).not.toBeNull();
  });

  it('gives an unknown email exactly the same lockout, so it does not reveal which accounts exist', async () => {
    const person = await makeUser();
    const ip = freshIp();
    const ghost = 'no.such.person@test.nhs.uk';
    for (let i = 0; i < budget; i++) {
      expect(await authenticate({ email: person.email, password: `wrong ${i}` }, { ip })).toBeNull();
      expect(await authenticate({ email: ghost, password: `wrong ${i}` }, { ip })).toBeNull();
    }
    const real = await errorOf(() => authenticate({ email: person.email, password: 'wrong again' }, { ip }));
    const unknown = await errorOf(() => authenticate({ email: ghost, password: 'wrong again' }, { ip }));
    expect(real.message).toMatch(LOCKED);
    expect({ ...unknown, message: String(unknown.message).replace(/\d+/, 'N') }).toEqual({ ...real, message: String(real.message).replace(/\d+/, 'N') });
  });

  it('counts only consecutive failures: a success resets the account’s count', async () => {
    const person = await makeUser();
    const ip = freshIp();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < budget - 1; i++) expect(await authenticate({ email: person.email, password: 'wrong' }, { ip })).toBeNull();
      expect(await authenticate({ email: person.email, password: person.password }, { ip })).not.toBeNull();
    }
  });

  it('locks an account guessed at from many addresses (the per-account budget)', async () => {
    const person = await makeUser();
    for (let i = 0; i < SIGN_IN_BUDGETS.account.points; i++) await signInLimiter.fail({ account: person.email });
    const refused = await errorOf(() => authenticate({ email: person.email, password: person.password }, { ip: freshIp() }));
    expect(refused.message).toMatch(LOCKED);
  });

  it('has a broader budget per address across all emails (password spraying)', async () => {
    const ip = freshIp();
    for (let i = 0; i < SIGN_IN_BUDGETS.ip.points - 1; i++) await signInLimiter.fail({ ip: signInKeys('x', ip).ip });
    expect(await authenticate({ email: 'spray.1@test.nhs.uk', password: 'Summer2026!' }, { ip })).toBeNull();
    const refused = await errorOf(() => authenticate({ email: user.email, password: user.password }, { ip }));
    expect(refused.message).toMatch(LOCKED);
    // A success does not reset the address's budget.
    expect(await rawSql()`select count(*)::int as n from rate_limits where key = ${`sign-in:ip:${ip}`}`).toEqual([{ n: 1 }]);
  });

  it('the reusable FailureLimiter: check, fail, block and reset per key', async () => {
    const limiter = new FailureLimiter('test-codes', { perNumber: { points: 2, windowSeconds: 60, blockSeconds: 120 } }, (wait) => `Wait ${wait}.`);
    const keys = { perNumber: '+447700900123' };
    await limiter.check(keys);
    await limiter.fail(keys);
    await limiter.check(keys);
    await limiter.fail(keys);
    expect(describeError(await limiter.check(keys).catch((e: unknown) => e))).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(/^Wait \d+ minutes?\.$/) });
    await limiter.check({ perNumber: '+447700900124' });
    await limiter.reset(keys);
    await limiter.check(keys);
  });
});

describe('sessionFromToken / actorFromSessionToken', () => {
  const token = (claims: Record<string, unknown>, secret = TEST_AUTH_SECRET) => encode({ token: claims, secret });

  it('gives the actor for a valid session cookie, naming its session', async () => {
    const signedIn = (await authenticate({ email: user.email, password: user.password }, { ip: freshIp() }))!;
    const actor = await actorFromSessionToken(await tokenFor(signedIn), '203.0.113.9');
    expect(actor).toEqual({
      id: user.id,
      name: user.name,
      email: user.email,
      role: 'member',
      organisationId: user.organisationId,
      ip: '203.0.113.9',
      sessionId: signedIn.sessionId,
    });
  });

  it('reads the header’s organisation name and unread count in the same query when asked', async () => {
    const signedIn = (await authenticate({ email: user.email, password: user.password }, { ip: freshIp() }))!;
    const author = await makeUser();
    const channel = await makeChannel();
    const [thread] = await db().insert(schema.threads).values({ channelId: channel.id, authorId: author.id, title: 'Patching' }).returning();
    const posts = await db()
      .insert(schema.posts)
      .values([1, 2].map((n) => ({ threadId: thread.id, authorId: author.id, bodyMarkdown: `p${n}`, bodyHtml: `<p>p${n}</p>` })))
      .returning();
    await db().insert(schema.notifications).values([
      { userId: user.id, kind: 'reply', threadId: thread.id, postId: posts[0].id, actorId: author.id },
      { userId: user.id, kind: 'reply', threadId: thread.id, postId: posts[1].id, actorId: author.id, readAt: new Date() },
    ]);
    const [org] = await db().select().from(schema.organisations).where(eq(schema.organisations.id, user.organisationId));
    const session = await sessionFromToken(await tokenFor(signedIn), undefined, { withHeader: true });
    expect(session).toMatchObject({ state: 'active', header: { organisationName: org.name, unread: 1 } });
  });

  it('gives null for a missing, forged, garbled or incomplete token, or one naming no session', async () => {
    const signedIn = (await authenticate({ email: user.email, password: user.password }, { ip: freshIp() }))!;
    const sid = signedIn.sessionId;
    const nulls = [
      undefined,
      '',
      'garbage',
      await token({ sub: user.id, sv: 0, sid }, 'another-secret-another-secret-another'),
      await token({ sub: user.id, sv: 0 }),
      await token({ sub: user.id, sid }),
      await token({ sv: 0, sid }),
      await token({ sub: 'not-a-uuid', sv: 0, sid }),
      await token({ sub: user.id, sv: 0, sid: 'not-a-uuid' }),
      await token({ sub: user.id, sv: 0, sid: '00000000-0000-4000-8000-000000000000' }),
      await token({ sub: (await makeUser()).id, sv: 0, sid }),
      await token({ sub: user.id, sv: '0', sid }),
    ];
    for (const t of nulls) expect(await actorFromSessionToken(t)).toBeNull();
  });

  it('gives null once the session is revoked or expired, on the very next request', async () => {
    const a = (await authenticate({ email: user.email, password: user.password }, { ip: freshIp() }))!;
    const b = (await authenticate({ email: user.email, password: user.password }, { ip: freshIp() }))!;
    expect(await actorFromSessionToken(await tokenFor(a))).not.toBeNull();
    await db().update(schema.userSessions).set({ revokedAt: new Date() }).where(eq(schema.userSessions.id, a.sessionId));
    expect(await actorFromSessionToken(await tokenFor(a))).toBeNull();
    await db().update(schema.userSessions).set({ expiresAt: new Date('2026-01-01T00:00:00Z') }).where(eq(schema.userSessions.id, b.sessionId));
    expect(await actorFromSessionToken(await tokenFor(b))).toBeNull();
  });

  it('gives null once the user is suspended, on the very next request', async () => {
    const person = await makeUser();
    const signedIn = (await authenticate({ email: person.email, password: person.password }, { ip: freshIp() }))!;
    const t = await tokenFor(signedIn);
    expect(await actorFromSessionToken(t)).not.toBeNull();
    await db().update(schema.users).set({ status: 'suspended' }).where(eq(schema.users.id, person.id));
    expect(await actorFromSessionToken(t)).toBeNull();
  });

  it('gives null for tokens issued before the session version was bumped (signed out everywhere)', async () => {
    const person = await makeUser();
    const signedIn = (await authenticate({ email: person.email, password: person.password }, { ip: freshIp() }))!;
    await db().update(schema.users).set({ sessionVersion: 1 }).where(eq(schema.users.id, person.id));
    expect(await actorFromSessionToken(await tokenFor(signedIn))).toBeNull();
    expect(await actorFromSessionToken(await tokenFor({ ...signedIn, sessionVersion: 1 }))).toMatchObject({ id: person.id });
  });

  it('records last seen at most once per five minutes, not on every request', async () => {
    const person = await makeUser();
    const signedIn = (await authenticate({ email: person.email, password: person.password }, { ip: freshIp() }))!;
    const t = await tokenFor(signedIn);
    const old = new Date('2026-01-01T00:00:00Z');
    await db().update(schema.userSessions).set({ lastSeenAt: old }).where(eq(schema.userSessions.id, signedIn.sessionId));
    await db().update(schema.users).set({ lastActiveAt: old }).where(eq(schema.users.id, person.id));
    await actorFromSessionToken(t);
    const seen = async () => (await db().select().from(schema.userSessions).where(eq(schema.userSessions.id, signedIn.sessionId)))[0].lastSeenAt;
    await expect.poll(async () => (await seen()).getTime()).toBeGreaterThan(old.getTime());
    const first = await seen();
    const [u] = await db().select().from(schema.users).where(eq(schema.users.id, person.id));
    expect(u.lastActiveAt.getTime()).toBeGreaterThan(old.getTime());
    for (let i = 0; i < 3; i++) await actorFromSessionToken(t);
    await new Promise((r) => setTimeout(r, 50));
    expect(await seen()).toEqual(first);
  });

  it('signing out through next-auth revokes the session row', async () => {
    const signedIn = (await authenticate({ email: user.email, password: user.password }, { ip: freshIp() }))!;
    await authOptions().events!.signOut!({ token: { sub: user.id, sv: 0, sid: signedIn.sessionId }, session: undefined as never });
    const [row] = await db().select().from(schema.userSessions).where(eq(schema.userSessions.id, signedIn.sessionId));
    expect(row.revokedReason).toBe('signed_out');
    expect(await actorFromSessionToken(await tokenFor(signedIn))).toBeNull();
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Lax, Path=/ and not Secure over http, with the plain name', async () => {
    const signedIn = (await authenticate({ email: user.email, password: user.password }, { ip: freshIp() }))!;
    const c = await sessionCookieFor({ userId: user.id, sessionVersion: 0, sessionId: signedIn.sessionId });
    expect(c.name).toBe('next-auth.session-token');
    const res = NextResponse.json({});
    res.cookies.set(c.name, c.value, c.options);
    const header = res.headers.get('set-cookie')!;
    expect(header).toMatch(/^next-auth\.session-token=/);
    expect(header).toMatch(/; HttpOnly/i);
    expect(header).toMatch(/; SameSite=lax/i);
    expect(header).toMatch(/; Path=\//);
    expect(header).not.toMatch(/; Secure/i);
    expect(header).not.toMatch(/; Domain=/i);
  });

  it('is __Host- prefixed and Secure when PUBLIC_URL is https, and next-auth uses secure names for its other cookies', async () => {
    process.env.PUBLIC_URL = 'https://watchroom.example.nhs.uk';
    setRuntimeEnv({});
    try {
      expect(sessionCookieName()).toBe('__Host-next-auth.session-token');
      expect(sessionCookieOptions()).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', secure: true });
      const options = authOptions();
      expect(options.useSecureCookies).toBe(true);
      expect(options.cookies?.sessionToken).toEqual({ name: '__Host-next-auth.session-token', options: sessionCookieOptions() });
      const signedIn = (await authenticate({ email: user.email, password: user.password }, { ip: freshIp() }))!;
      const c = await sessionCookieFor({ userId: user.id, sessionVersion: 0, sessionId: signedIn.sessionId });
      const res = NextResponse.json({});
      res.cookies.set(c.name, c.value, c.options);
      const header = res.headers.get('set-cookie')!;
      expect(header).toMatch(/^__Host-next-auth\.session-token=/);
      expect(header).toMatch(/; Secure/i);
      expect(header).toMatch(/; HttpOnly/i);
      expect(header).toMatch(/; Path=\//);
      expect(header).not.toMatch(/; Domain=/i);
      // The socket handshake reads the same name from a raw Cookie header.
      expect(sessionTokenFromCookieHeader(`a=1; __Host-next-auth.session-token=${c.value}`)).toBe(c.value);
      expect(await actorFromSessionToken(c.value)).toMatchObject({ id: user.id });
    } finally {
      delete process.env.PUBLIC_URL;
      setRuntimeEnv({});
    }
    expect(sessionCookieName()).toBe('next-auth.session-token');
  });

  it('sessionTokenFromCookieHeader finds the session cookie among others', () => {
    expect(sessionTokenFromCookieHeader('a=1; next-auth.session-token=abc%2Edef; b=2')).toBe('abc.def');
    expect(sessionTokenFromCookieHeader('next-auth.session-token.0=abc')).toBeUndefined();
    expect(sessionTokenFromCookieHeader(undefined)).toBeUndefined();
  });
});
