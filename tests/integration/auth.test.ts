import { and, eq } from 'drizzle-orm';
import { encode } from 'next-auth/jwt';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorFromSessionToken, loadActiveActor, sessionTokenFromCookieHeader } from '@/lib/auth/actor';
import { authenticate } from '@/lib/auth/options';
import { db, makeUser, schema, TEST_AUTH_SECRET, useTestDatabase, type TestUser } from './harness';

useTestDatabase();

let user: TestUser;

beforeAll(async () => {
  user = await makeUser({ role: 'moderator', email: 'morgan.moderator@test.nhs.uk' });
});

describe('authenticate', () => {
  it('accepts the right password, with any case or spacing of the email, and records the sign-in', async () => {
    const result = await authenticate({ email: '  Morgan.Moderator@TEST.nhs.uk ', password: user.password });
    expect(result).toEqual({ id: user.id, name: user.name, email: user.email, sessionVersion: 0 });
    const events = await db()
      .select()
      .from(schema.auditEvents)
      .where(and(eq(schema.auditEvents.action, 'user.sign_in'), eq(schema.auditEvents.actorId, user.id)));
    expect(events).toHaveLength(1);
  });

  it('gives the same null for a wrong password, an unknown email, a suspended account and junk', async () => {
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
    for (const input of attempts) expect(await authenticate(input), JSON.stringify(input)).toBeNull();
    const events = await db().select().from(schema.auditEvents).where(eq(schema.auditEvents.action, 'user.sign_in'));
    expect(events.every((e) => e.actorId === user.id)).toBe(true);
  });
});

describe('actorFromSessionToken', () => {
  const token = (claims: Record<string, unknown>, secret = TEST_AUTH_SECRET) => encode({ token: claims, secret });

  it('gives the actor for a valid session token', async () => {
    const actor = await actorFromSessionToken(await token({ sub: user.id, sv: 0 }), '203.0.113.9');
    expect(actor).toEqual({
      id: user.id,
      name: user.name,
      email: user.email,
      role: 'moderator',
      organisationId: user.organisationId,
      ip: '203.0.113.9',
    });
  });

  it('gives null for a missing, forged, garbled or incomplete token', async () => {
    const nulls = [
      undefined,
      '',
      'garbage',
      await token({ sub: user.id, sv: 0 }, 'another-secret-another-secret-another'),
      await token({ sub: user.id }),
      await token({ sv: 0 }),
      await token({ sub: 'not-a-uuid', sv: 0 }),
      await token({ sub: '00000000-0000-4000-8000-000000000000', sv: 0 }),
      await token({ sub: user.id, sv: '0' }),
    ];
    for (const t of nulls) expect(await actorFromSessionToken(t)).toBeNull();
  });

  it('gives null once the user is suspended, on the very next request', async () => {
    const person = await makeUser();
    const t = await token({ sub: person.id, sv: 0 });
    expect(await actorFromSessionToken(t)).not.toBeNull();
    await db().update(schema.users).set({ status: 'suspended' }).where(eq(schema.users.id, person.id));
    expect(await actorFromSessionToken(t)).toBeNull();
    expect(await loadActiveActor(person.id, 0)).toBeNull();
  });

  it('gives null for tokens issued before the session version was bumped (signed out everywhere)', async () => {
    const person = await makeUser();
    const old = await token({ sub: person.id, sv: 0 });
    await db().update(schema.users).set({ sessionVersion: 1 }).where(eq(schema.users.id, person.id));
    expect(await actorFromSessionToken(old)).toBeNull();
    expect(await actorFromSessionToken(await token({ sub: person.id, sv: 1 }))).toMatchObject({ id: person.id });
  });
});

describe('sessionTokenFromCookieHeader', () => {
  it('finds the next-auth session cookie among others', () => {
    expect(sessionTokenFromCookieHeader('a=1; next-auth.session-token=abc%2Edef; b=2')).toBe('abc.def');
    expect(sessionTokenFromCookieHeader('next-auth.session-token.0=abc')).toBeUndefined();
    expect(sessionTokenFromCookieHeader(undefined)).toBeUndefined();
  });
});
