import { and, eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import { actorFromSessionToken, sessionFromToken, type SignedInSession } from '@/lib/auth/actor';
import { confirmMfaEnrolment } from '@/lib/auth/confirm-mfa-enrolment';
import { disableMfa } from '@/lib/auth/disable-mfa';
import { getMfaStatus } from '@/lib/auth/get-mfa-status';
import { regenerateRecoveryCodes } from '@/lib/auth/regenerate-recovery-codes';
import { open } from '@/lib/auth/secret-box';
import { sessionCookieFor } from '@/lib/auth/sessions';
import { authenticate } from '@/lib/auth/sign-in';
import { MFA_CODE_BUDGETS } from '@/lib/auth/sign-in-limits';
import { startMfaEnrolment } from '@/lib/auth/start-mfa-enrolment';
import { verifySignInCode } from '@/lib/auth/verify-sign-in-code';
import { setRuntimeEnv } from '@/lib/config';
import { db, errorOf, makeUser, rowCounts, schema, useTestDatabase, type RowCounts, type TestUser } from './harness';

useTestDatabase();

let ipCounter = 0;
const freshIp = () => `192.0.2.${++ipCounter}`;

/** Signs in with the password, as the first step of the form does; returns the session the cookie names. */
async function signIn(person: TestUser): Promise<{ session: SignedInSession; token: string }> {
  const signedIn = await authenticate({ email: person.email, password: person.password }, { ip: freshIp(), userAgent: 'vitest' });
  if (!signedIn) throw new Error('sign-in failed');
  const token = (await sessionCookieFor({ userId: signedIn.id, sessionVersion: signedIn.sessionVersion, sessionId: signedIn.sessionId })).value;
  const session = await sessionFromToken(token);
  if (!session) throw new Error('no session');
  return { session, token };
}

/** Sets up two-step verification for a person through the use cases; returns their secret and recovery codes. */
async function enrol(person: TestUser) {
  const { session, token } = await signIn(person);
  const { secret } = await startMfaEnrolment(session.actor);
  const { recoveryCodes } = await confirmMfaEnrolment(session.actor, { code: await generate({ secret }) });
  return { secret, recoveryCodes, token };
}

/** A code for the next 30-second step: a fresh code that has not been used yet, whatever the clock. */
const nextCode = (secret: string) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

const withoutLimits = (counts: RowCounts) => ({ ...counts, rate_limits: 0, audit_events: 0 });

describe('enrolment', () => {
  let person: TestUser;
  beforeAll(async () => {
    person = await makeUser({ email: 'casey.member@test.nhs.uk' });
  });

  it('stores the new secret sealed (AES-256-GCM), not in force until a code confirms it', async () => {
    const { session, token } = await signIn(person);
    const { secret, uri } = await startMfaEnrolment(session.actor);
    expect(uri).toMatch(/^otpauth:\/\/totp\/Watchroom:casey\.member%40test\.nhs\.uk\?.*secret=/);
    const [row] = await db().select().from(schema.users).where(eq(schema.users.id, person.id));
    expect(row.totpSecret).toMatch(/^v1\./);
    expect(row.totpSecret).not.toContain(secret);
    expect(open(row.totpSecret!)).toBe(secret);
    expect(row.totpEnabledAt).toBeNull();
    const status = await getMfaStatus(session.actor);
    expect(status).toMatchObject({ enabled: false, required: false, pending: { secret, uri } });
    expect(status.pending!.qrSvg).toMatch(/^<svg[^>]*width="200"/);
    // Not in force: signing in again needs no code.
    expect(await actorFromSessionToken(token)).toMatchObject({ id: person.id });
  });

  it('refuses a wrong code with a clear message and turns nothing on', async () => {
    const { session } = await signIn(person);
    const { secret } = await startMfaEnrolment(session.actor);
    const before = await rowCounts();
    const wrong = (await generate({ secret })) === '000000' ? '111111' : '000000';
    const error = await errorOf(() => confirmMfaEnrolment(session.actor, { code: wrong }));
    expect(error).toMatchObject({ code: 'invalid', status: 400, fields: { code: [expect.any(String)] } });
    for (const junk of [{}, { code: '' }, { code: 'x'.repeat(41) }, null]) {
      expect(await errorOf(() => confirmMfaEnrolment(session.actor, junk))).toMatchObject({ code: 'invalid' });
    }
    expect(withoutLimits(await rowCounts())).toEqual(withoutLimits(before));
    expect((await db().select().from(schema.users).where(eq(schema.users.id, person.id)))[0].totpEnabledAt).toBeNull();
  });

  it('turns on with a right code, marks this session as passed and gives 10 recovery codes, stored hashed', async () => {
    const { session, token } = await signIn(person);
    const { secret } = await startMfaEnrolment(session.actor);
    const { recoveryCodes } = await confirmMfaEnrolment(session.actor, { code: await generate({ secret }) });
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await db().select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, person.id));
    expect(stored).toHaveLength(10);
    for (const row of stored) for (const c of recoveryCodes) expect(row.codeHash).not.toContain(c.replace('-', ''));
    expect(await actorFromSessionToken(token)).toMatchObject({ id: person.id });
    const audit = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.actorId, person.id), eq(schema.auditEvents.action, 'user.mfa_enabled')));
    expect(audit).toHaveLength(1);
    // Once on, starting again is a conflict and the secret stays.
    expect(await errorOf(() => startMfaEnrolment(session.actor))).toMatchObject({ code: 'conflict' });
    expect(await getMfaStatus(session.actor)).toMatchObject({ enabled: true, pending: null, recoveryCodesLeft: 10 });
  });
});

describe('signing in with two-step verification', () => {
  it('after the password, the session is not an actor until a right code is given', async () => {
    const person = await makeUser();
    const { secret } = await enrol(person);
    const { session, token } = await signIn(person);
    expect(session.state).toBe('mfa_code');
    expect(await actorFromSessionToken(token)).toBeNull();
    await verifySignInCode(session, { code: await nextCode(secret) });
    expect(await actorFromSessionToken(token)).toMatchObject({ id: person.id, sessionId: session.sessionId });
    const audit = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.actorId, person.id), eq(schema.auditEvents.action, 'user.mfa_passed')));
    expect(audit).toHaveLength(1);
  });

  it('refuses a replay of a code that was just used, and an older one', async () => {
    const person = await makeUser();
    const { secret } = await enrol(person);
    const first = await signIn(person);
    const code = await nextCode(secret);
    await verifySignInCode(first.session, { code });
    const second = await signIn(person);
    expect(await errorOf(() => verifySignInCode(second.session, { code }))).toMatchObject({ code: 'invalid', status: 400 });
    // The enrolment code (an earlier step) is refused too.
    const enrolCode = await generate({ secret });
    expect(await errorOf(() => verifySignInCode(second.session, { code: enrolCode }))).toMatchObject({ code: 'invalid' });
    expect(await actorFromSessionToken(second.token)).toBeNull();
  });

  it('accepts each recovery code once, in place of a code', async () => {
    const person = await makeUser();
    const { recoveryCodes } = await enrol(person);
    const first = await signIn(person);
    expect(await verifySignInCode(first.session, { code: recoveryCodes[3].toUpperCase() })).toEqual({ usedRecoveryCode: true });
    expect(await actorFromSessionToken(first.token)).toMatchObject({ id: person.id });
    const second = await signIn(person);
    const error = await errorOf(() => verifySignInCode(second.session, { code: recoveryCodes[3] }));
    expect(error).toMatchObject({ code: 'invalid', status: 400 });
    expect(await actorFromSessionToken(second.token)).toBeNull();
    await verifySignInCode(second.session, { code: recoveryCodes[4].replace('-', ' ') });
    expect(await actorFromSessionToken(second.token)).toMatchObject({ id: person.id });
    const used = await db().select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, person.id));
    expect(used.filter((r) => r.usedAt)).toHaveLength(2);
    const audit = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.actorId, person.id), eq(schema.auditEvents.action, 'user.mfa_recovery_code_used')));
    expect(audit).toHaveLength(2);
  });

  it(`stops taking codes after ${MFA_CODE_BUDGETS.session.points} wrong ones, even a right one`, async () => {
    const person = await makeUser();
    const { secret } = await enrol(person);
    const { session, token } = await signIn(person);
    for (let i = 0; i < MFA_CODE_BUDGETS.session.points; i++) {
      expect(await errorOf(() => verifySignInCode(session, { code: 'aaaaa-aaaaa' }))).toMatchObject({ code: 'invalid' });
    }
    const right = await nextCode(secret);
    const refused = await errorOf(() => verifySignInCode(session, { code: right }));
    expect(refused).toMatchObject({ code: 'rate_limited', status: 429, message: expect.stringMatching(/^Too many wrong codes\. Try again in \d+ minutes?\.$/) });
    expect(await actorFromSessionToken(token)).toBeNull();
  });

  it('a session that does not need a code cannot use the code step', async () => {
    const person = await makeUser();
    const { session } = await signIn(person);
    expect(session.state).toBe('active');
    expect(await errorOf(() => verifySignInCode(session, { code: '123456' }))).toMatchObject({ code: 'conflict' });
  });
});

describe('required for some roles', () => {
  it('a moderator without it is only allowed to enrol: no actor until it is on', async () => {
    const moderator = await makeUser({ role: 'moderator' });
    const { session, token } = await signIn(moderator);
    expect(session.state).toBe('mfa_enrol');
    expect(await actorFromSessionToken(token)).toBeNull();
    const { secret } = await startMfaEnrolment(session.actor);
    expect(await actorFromSessionToken(token)).toBeNull();
    await confirmMfaEnrolment(session.actor, { code: await generate({ secret }) });
    expect(await actorFromSessionToken(token)).toMatchObject({ id: moderator.id, role: 'moderator' });
    expect(await getMfaStatus(session.actor)).toMatchObject({ enabled: true, required: true });
    // And it cannot be turned off.
    expect(await errorOf(() => disableMfa(session.actor, { password: moderator.password }))).toMatchObject({ code: 'forbidden' });
  });

  it('follows MFA_REQUIRED_FOR: empty means nobody must', async () => {
    const lead = await makeUser({ role: 'incident_lead' });
    expect((await signIn(lead)).session.state).toBe('mfa_enrol');
    process.env.MFA_REQUIRED_FOR = '';
    setRuntimeEnv({});
    try {
      expect((await signIn(lead)).session.state).toBe('active');
      process.env.MFA_REQUIRED_FOR = 'member';
      setRuntimeEnv({});
      expect((await signIn(await makeUser())).session.state).toBe('mfa_enrol');
    } finally {
      delete process.env.MFA_REQUIRED_FOR;
      setRuntimeEnv({});
    }
  });
});

describe('managing it', () => {
  it('new recovery codes need the password and replace the old ones', async () => {
    const person = await makeUser();
    const { recoveryCodes: old, token } = await enrol(person);
    const actor = (await actorFromSessionToken(token))!;
    const before = await rowCounts();
    expect(await errorOf(() => regenerateRecoveryCodes(actor, { password: 'not my password' }))).toMatchObject({ code: 'invalid', fields: { password: [expect.any(String)] } });
    expect(await errorOf(() => regenerateRecoveryCodes(actor, {}))).toMatchObject({ code: 'invalid' });
    expect(withoutLimits(await rowCounts())).toEqual(withoutLimits(before));
    const { recoveryCodes } = await regenerateRecoveryCodes(actor, { password: person.password });
    expect(recoveryCodes).toHaveLength(10);
    expect(recoveryCodes.some((c) => old.includes(c))).toBe(false);
    const { session } = await signIn(person);
    expect(await errorOf(() => verifySignInCode(session, { code: old[0] }))).toMatchObject({ code: 'invalid' });
    await verifySignInCode(session, { code: recoveryCodes[0] });
    const audit = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.actorId, person.id), eq(schema.auditEvents.action, 'user.recovery_codes_regenerated')));
    expect(audit).toHaveLength(1);
  });

  it('turning it off needs the password; afterwards sign-in needs no code', async () => {
    const person = await makeUser();
    const { token } = await enrol(person);
    const actor = (await actorFromSessionToken(token))!;
    expect(await errorOf(() => disableMfa(actor, { password: 'wrong' }))).toMatchObject({ code: 'invalid' });
    expect((await db().select().from(schema.users).where(eq(schema.users.id, person.id)))[0].totpEnabledAt).not.toBeNull();
    await disableMfa(actor, { password: person.password });
    const [row] = await db().select().from(schema.users).where(eq(schema.users.id, person.id));
    expect(row).toMatchObject({ totpSecret: null, totpEnabledAt: null });
    expect(await db().select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, person.id))).toHaveLength(0);
    expect((await signIn(person)).session.state).toBe('active');
    const audit = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.actorId, person.id), eq(schema.auditEvents.action, 'user.mfa_disabled')));
    expect(audit).toHaveLength(1);
    expect(await errorOf(() => disableMfa(actor, { password: person.password }))).toMatchObject({ code: 'conflict' });
  });

  it('an actor without a browser session (an API token) cannot manage it', async () => {
    const person = await makeUser();
    const { session } = await signIn(person);
    const { sessionId: _, ...tokenActor } = session.actor;
    expect(await errorOf(() => startMfaEnrolment(tokenActor))).toMatchObject({ code: 'forbidden' });
  });
});
