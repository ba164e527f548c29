import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { confirmMobileVerification } from '@/lib/alerts/mobile-verification-confirm';
import { removeMobile } from '@/lib/alerts/mobile-verification-remove';
import { startMobileVerification } from '@/lib/alerts/mobile-verification-start';
import { getMobileStatus } from '@/lib/alerts/mobile-verification-status';
import { createSmsGateway, type SmsGateway } from '@/lib/alerts/notify-client';
import type { Actor } from '@/lib/auth/actor';
import { config, setRuntimeEnv } from '@/lib/config';
import { createRoom } from '@/lib/incidents/create-room';
import { FAKE_NOTIFY_DEFAULTS, FakeNotify } from '../fakes/fake-notify';
import { actorFor, db, errorOf, makeUser, nextMobile, rawSql, rowCounts, schema, useTestDatabase, type RowCounts, type TestUser } from './harness';

/**
 * A member proves they hold a mobile with a 6-digit code texted through the real Notify client to the
 * fake Notify: hashed at rest, 10 minutes, 5 tries, rate limited, audited; unverified numbers get no alerts.
 */
useTestDatabase();

const fake = new FakeNotify({ ...FAKE_NOTIFY_DEFAULTS, templates: [...FAKE_NOTIFY_DEFAULTS.templates] });
let gateway: SmsGateway;

beforeAll(async () => {
  await fake.start();
  gateway = createSmsGateway({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 400 });
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const codeTextsTo = (phone: string) => fake.received.filter((r) => r.normalisedPhoneNumber === phone && r.templateId === config().NOTIFY_VERIFY_TEMPLATE_ID);
const lastCodeTo = (phone: string) => {
  const texts = codeTextsTo(phone);
  return texts[texts.length - 1]?.personalisation.code;
};
const userRow = async (id: string) => (await db().select().from(schema.users).where(eq(schema.users.id, id)))[0];
const checkRow = async (id: string) => (await db().select().from(schema.mobileVerifications).where(eq(schema.mobileVerifications.userId, id)))[0];
const auditOf = (id: string) => db().select().from(schema.auditEvents).where(eq(schema.auditEvents.subjectId, id));
/** Counts without rate-limiter bookkeeping, which a refused request may legitimately touch. */
const countsBesidesLimits = async (): Promise<RowCounts> => {
  const { rate_limits: _ignored, ...rest } = await rowCounts();
  return rest;
};

async function member(opts: { mobile?: string | null; mobileVerified?: boolean } = {}): Promise<{ user: TestUser; actor: Actor }> {
  const user = await makeUser({ mobile: opts.mobile ?? null, mobileVerified: opts.mobileVerified ?? false });
  // Changing the alert mobile needs a browser session (lib/auth/require-session.ts).
  return { user, actor: { ...actorFor(user), sessionId: randomUUID() } };
}

describe('sending a code', () => {
  it('refuses a bad number with a field error and writes nothing', async () => {
    const { actor } = await member();
    const before = await rowCounts();
    for (const mobile of ['020 7946 0000', '07700 9001', 'call me', '']) {
      const error = await errorOf(() => startMobileVerification(actor, { mobile }, gateway));
      expect(error.status).toBe(400);
      expect(Object.keys(error.fields as object)).toEqual(['mobile']);
    }
    expect((await errorOf(() => startMobileVerification(actor, { phone: '07700900123' }, gateway))).status).toBe(400);
    expect(await rowCounts()).toEqual(before);
    expect(fake.requests).toHaveLength(0);
  });

  it('stores the number unverified, texts a 6-digit code with its own template, and keeps only an HMAC', async () => {
    const { user, actor } = await member();
    const phone = nextMobile();
    const result = await startMobileVerification(actor, { mobile: `0${phone.slice(3, 7)} ${phone.slice(7)}` }, gateway);
    expect(result.mobile).toBe(phone);
    expect(result.simulatedCode).toBeUndefined();
    const texts = codeTextsTo(phone);
    expect(texts).toHaveLength(1);
    const code = texts[0].personalisation.code;
    expect(code).toMatch(/^\d{6}$/);
    expect(texts[0].body).toBe(`Your Watchroom code is ${code}. It expires in 10 minutes. If you did not ask for it, ignore this text.`);

    expect(await userRow(user.id)).toMatchObject({ mobile: phone, mobileVerified: false });
    const check = await checkRow(user.id);
    expect(check).toMatchObject({ phone, attempts: 0, notifyId: texts[0].id });
    expect(check.codeHash).toMatch(/^[0-9a-f]{64}$/);
    const minutes = (check.expiresAt.getTime() - check.createdAt.getTime()) / 60_000;
    expect(minutes).toBeCloseTo(10, 1);

    // The code appears nowhere in the database in clear.
    const tables = await rawSql()<{ name: string }[]>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`;
    for (const { name } of tables) {
      const [hit] = await rawSql().unsafe(`select count(*)::int as n from public."${name}" t where t::text like $1`, [`%${code}%`]);
      expect(hit.n, name).toBe(0);
    }
    const audit = await auditOf(user.id);
    expect(audit.map((a) => a.action)).toEqual(['mobile.code_sent']);
    expect(JSON.stringify(audit)).not.toContain(phone);
  });

  it('does not send to an already verified number, and changing a verified number un-verifies it at once', async () => {
    const phone = nextMobile();
    const { user, actor } = await member({ mobile: phone, mobileVerified: true });
    expect((await errorOf(() => startMobileVerification(actor, { mobile: phone }, gateway))).status).toBe(409);
    const other = nextMobile();
    await startMobileVerification(actor, { mobile: other }, gateway);
    expect(await userRow(user.id)).toMatchObject({ mobile: other, mobileVerified: false });
    expect(codeTextsTo(phone)).toHaveLength(0);
  });

  it('an unverified number is never texted an alert', async () => {
    const lead = await makeUser({ role: 'incident_lead' });
    const { user, actor } = await member();
    const verified = await makeUser();
    const phone = nextMobile();
    await startMobileVerification(actor, { mobile: phone }, gateway);
    const room = await createRoom(actorFor(lead), {
      title: 'Phishing wave against the finance team',
      severity: 'critical',
      tlp: 'AMBER',
      summary: 'Several accounts compromised.',
      publicHeadline: 'Cyber incident affecting email',
      invite: { users: [user.email, verified.email] },
    });
    const texts = await db().select().from(schema.smsMessages).where(eq(schema.smsMessages.roomId, room.id));
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.map((t) => t.phone)).toContain(verified.mobile);
    expect(texts.map((t) => t.phone)).not.toContain(phone);
  });

  it('allows 3 codes per 15 minutes per person, and per number across people', async () => {
    const { user, actor } = await member();
    for (let i = 0; i < 3; i += 1) await startMobileVerification(actor, { mobile: nextMobile() }, gateway);
    const before = await countsBesidesLimits();
    const check = await checkRow(user.id);
    const refused = await errorOf(() => startMobileVerification(actor, { mobile: nextMobile() }, gateway));
    expect(refused.status).toBe(429);
    expect(refused.message).toMatch(/Try again in \d+ minutes?/);
    expect(fake.received).toHaveLength(3);
    expect(await countsBesidesLimits()).toEqual(before);
    expect(await checkRow(user.id)).toEqual(check);

    const shared = nextMobile();
    for (let i = 0; i < 3; i += 1) await startMobileVerification((await member()).actor, { mobile: shared }, gateway);
    expect((await errorOf(() => startMobileVerification(actor, { mobile: shared }, gateway))).status).toBe(429);
    expect(codeTextsTo(shared)).toHaveLength(3);
    const stored = await rawSql()<{ key: string }[]>`select key from rate_limits where key like 'mobile-code-%'`;
    expect(stored.map((r) => r.key)).toContain(`mobile-code-number:${shared}`);
  });

  it('retries a failing Notify and, after a lost answer, looks the text up instead of sending a second code', async () => {
    const { actor } = await member();
    const phone = nextMobile();
    fake.injectFaults({ kind: 'status', status: 502, html: true, times: 1 }, { kind: 'accept-then-drop', times: 1 });
    await startMobileVerification(actor, { mobile: phone }, gateway);
    expect(codeTextsTo(phone)).toHaveLength(1);
    expect(fake.requests.filter((r) => r.fault).map((r) => r.fault)).toEqual(['status', 'accept-then-drop']);
    expect(fake.requests.some((r) => r.method === 'GET' && r.path === '/v2/notifications')).toBe(true);
  });

  it('when Notify keeps failing, says so and leaves no code waiting', async () => {
    const { user, actor } = await member();
    fake.injectFaults({ kind: 'status', status: 500, times: 3 });
    const error = await errorOf(() => startMobileVerification(actor, { mobile: nextMobile() }, gateway));
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/could not send the code/);
    expect(await checkRow(user.id)).toBeUndefined();
    expect((await getMobileStatus(actor)).pending).toBeNull();
  });
});

describe('typing the code', () => {
  async function started() {
    const { user, actor } = await member();
    const phone = nextMobile();
    await startMobileVerification(actor, { mobile: phone }, gateway);
    const code = lastCodeTo(phone)!;
    const wrong = code === '000000' ? '111111' : '000000';
    return { user, actor, phone, code, wrong };
  }

  it('verifies the number with the right code (spaces allowed), removes the check, and audits', async () => {
    const { user, actor, phone, code } = await started();
    expect(await confirmMobileVerification(actor, { code: `${code.slice(0, 3)} ${code.slice(3)}` })).toEqual({ mobile: phone, verified: true });
    expect(await userRow(user.id)).toMatchObject({ mobile: phone, mobileVerified: true });
    expect(await checkRow(user.id)).toBeUndefined();
    expect((await auditOf(user.id)).map((a) => a.action).sort()).toEqual(['mobile.code_sent', 'mobile.verified']);
    // The same code cannot be used again.
    expect((await errorOf(() => confirmMobileVerification(actor, { code }))).message).toMatch(/no code waiting/);
  });

  it('refuses a malformed code with a field error and writes nothing', async () => {
    const { actor } = await started();
    const before = await rowCounts();
    for (const code of ['12345', '1234567', 'abcdef', '']) {
      const error = await errorOf(() => confirmMobileVerification(actor, { code }));
      expect(error.status).toBe(400);
      expect(Object.keys(error.fields as object)).toEqual(['code']);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('counts wrong codes; after the fifth the code is dead even when right', async () => {
    const { user, actor, code, wrong } = await started();
    for (let left = 4; left >= 1; left -= 1) {
      const error = await errorOf(() => confirmMobileVerification(actor, { code: wrong }));
      expect(error.message).toContain(`${left} ${left === 1 ? 'try' : 'tries'} left`);
      expect((await getMobileStatus(actor)).pending?.triesLeft).toBe(left);
    }
    expect((await errorOf(() => confirmMobileVerification(actor, { code: wrong }))).message).toMatch(/Too many wrong codes/);
    expect((await errorOf(() => confirmMobileVerification(actor, { code }))).message).toMatch(/Too many wrong codes/);
    expect(await userRow(user.id)).toMatchObject({ mobileVerified: false });
    expect((await getMobileStatus(actor)).pending).toBeNull();
    expect((await auditOf(user.id)).map((a) => a.action)).toContain('mobile.code_locked');
  });

  it('five wrong codes sent at once use up exactly five tries', async () => {
    const { user, actor, wrong } = await started();
    await Promise.allSettled(Array.from({ length: 8 }, () => confirmMobileVerification(actor, { code: wrong })));
    expect((await checkRow(user.id)).attempts).toBe(5);
  });

  it('refuses an expired code', async () => {
    const { user, actor, code } = await started();
    await db().update(schema.mobileVerifications).set({ expiresAt: new Date(Date.now() - 1_000) }).where(eq(schema.mobileVerifications.userId, user.id));
    expect((await errorOf(() => confirmMobileVerification(actor, { code }))).message).toMatch(/expired/);
    expect(await userRow(user.id)).toMatchObject({ mobileVerified: false });
  });

  it('a code is bound to its person: another member cannot use it', async () => {
    const { code } = await started();
    const other = await started();
    if (other.code === code) return expect(other.code).toBe(code); // one in a million: nothing to tell apart
    const error = await errorOf(() => confirmMobileVerification(other.actor, { code }));
    expect(error.message).toMatch(/not right/);
  });

  it('a new code replaces the old one', async () => {
    const { user, actor, phone, code } = await started();
    await startMobileVerification(actor, { mobile: phone }, gateway);
    const fresh = lastCodeTo(phone)!;
    if (fresh !== code) expect((await errorOf(() => confirmMobileVerification(actor, { code }))).message).toMatch(/not right/);
    await confirmMobileVerification(actor, { code: fresh });
    expect(await userRow(user.id)).toMatchObject({ mobileVerified: true });
  });

  it('removing the number stops texts and voids the code', async () => {
    const { user, actor, code } = await started();
    await removeMobile(actor);
    expect(await userRow(user.id)).toMatchObject({ mobile: null, mobileVerified: false });
    expect((await errorOf(() => confirmMobileVerification(actor, { code }))).message).toMatch(/no code waiting/);
    expect((await auditOf(user.id)).map((a) => a.action)).toContain('mobile.removed');
  });
});

describe('simulated mode (no API key)', () => {
  it('shows the code outside production and never in production', async () => {
    const simulated = createSmsGateway();
    expect(simulated.simulated).toBe(true);
    const { user, actor } = await member();
    const shown = await startMobileVerification(actor, { mobile: nextMobile() }, simulated);
    expect(shown.simulatedCode).toMatch(/^\d{6}$/);
    await confirmMobileVerification(actor, { code: shown.simulatedCode! });
    expect(await userRow(user.id)).toMatchObject({ mobileVerified: true });

    const previous = process.env.NODE_ENV;
    (process.env as Record<string, string>).NODE_ENV = 'production';
    setRuntimeEnv({});
    try {
      const hidden = await startMobileVerification((await member()).actor, { mobile: nextMobile() }, createSmsGateway());
      expect(hidden.simulatedCode).toBeUndefined();
    } finally {
      (process.env as Record<string, string | undefined>).NODE_ENV = previous;
      setRuntimeEnv({});
    }
    expect(fake.requests).toHaveLength(0);
  });
});
