import { and, eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as signupRoute, GET as signupQueueRoute } from '@/app/api/v1/signups/route';
import type { Actor } from '@/lib/auth/actor';
import { verifyPassword } from '@/lib/auth/password';
import { deliverEmail } from '@/lib/email/deliver-email';
import { createEmailGateway } from '@/lib/email/gateway';
import { addEmailDomain, listEmailDomains, removeEmailDomain } from '@/lib/vetting/email-domains';
import { listSignupOrganisations, requestSignup } from '@/lib/vetting/request-signup';
import { approveSignup, listSignupQueue, rejectSignup } from '@/lib/vetting/review-signups';
import { SIGNUP_RECEIVED_MESSAGE } from '@/lib/vetting/signup-input';
import { closeSignupRateLimiter } from '@/lib/vetting/signup-rate-limit';
import { listSponsorRequests, respondAsSponsor } from '@/lib/vetting/sponsor-requests';
import { FAKE_NOTIFY_DEFAULTS, FakeNotify } from '../fakes/fake-notify';
import { actorFor, db, errorOf, makeOrg, makeUser, randomId, rowCounts, schema, useTestDatabase, type TestUser } from './harness';

/** Vetted sign-up: allow-listed domains, ODS codes, password policy, sponsor, moderators; no enumeration. */
useTestDatabase();

const DOMAIN = 'vetting-trust.nhs.uk';
const PASSWORD = 'brass lantern orchard 42';
let org: typeof schema.organisations.$inferSelect;
let sponsor: TestUser;
let sponsorActor: Actor;
let moderator: Actor;
let admin: Actor;
let member: Actor;
let n = 0;
let ipCounter = 0;
const freshIp = () => `198.51.100.${++ipCounter}`;
const fake = new FakeNotify({ ...FAKE_NOTIFY_DEFAULTS, templates: [...FAKE_NOTIFY_DEFAULTS.templates] });

beforeAll(async () => {
  org = await makeOrg({ odsCode: 'RVT', name: 'Vetting Teaching Hospitals' });
  sponsor = await makeUser({ organisation: org, name: 'Sasha Sponsor' });
  sponsorActor = actorFor(sponsor);
  moderator = actorFor(await makeUser({ role: 'moderator' }));
  admin = actorFor(await makeUser({ role: 'admin' }));
  member = actorFor(await makeUser());
  await addEmailDomain(admin, { domain: DOMAIN });
  await fake.start();
});
afterAll(async () => {
  await closeSignupRateLimiter();
  await fake.stop();
});

function application(overrides: Record<string, unknown> = {}) {
  n += 1;
  return { name: `Applicant Number${n}`, email: `applicant${n}@${DOMAIN}`, odsCode: 'RVT', jobRole: 'Cyber security analyst', sponsorEmail: sponsor.email, password: PASSWORD, ...overrides };
}
const requestOf = async (email: string) => db().select().from(schema.signupRequests).where(eq(schema.signupRequests.email, email));
const emailsTo = async (to: string) => db().select().from(schema.emailMessages).where(eq(schema.emailMessages.toAddress, to));

describe('refused requests: a clear 400 and nothing written', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['a domain not on the allow-list', { email: 'someone@gmail.com' }, 'email'],
    ['an unknown ODS code', { odsCode: 'ZZZ99' }, 'odsCode'],
    ['a too-short password', { password: 'short pass' }, 'password'],
    ['a common password', { password: 'password1234' }, 'password'],
    ['a password containing their name', { name: 'Jo Bloggsworth', password: 'bloggsworth is great' }, 'password'],
    ['a missing job role', { jobRole: '' }, 'jobRole'],
    ['a malformed sponsor email', { sponsorEmail: 'not an email' }, 'sponsorEmail'],
    ['themselves as sponsor', { email: `self@${DOMAIN}`, sponsorEmail: `self@${DOMAIN}` }, 'sponsorEmail'],
  ];
  it.each(cases)('refuses %s', async (_label, overrides, field) => {
    const before = await rowCounts();
    const error = await errorOf(() => requestSignup(application(overrides), { ip: freshIp() }));
    expect(error.status).toBe(400);
    expect(Object.keys(error.fields as object)).toContain(field);
    expect(await rowCounts()).toEqual(before);
  });

  it('answers 400 through the public API, with the field, and writes nothing', async () => {
    const before = await rowCounts();
    const res = await signupRoute(new NextRequest('http://localhost:3000/api/v1/signups', { method: 'POST', body: JSON.stringify(application({ email: 'x@example.com' })), headers: { 'x-watchroom-client-ip': freshIp() } }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.fields.email[0]).toMatch(/example\.com is not a domain Watchroom accepts/);
    expect(await rowCounts()).toEqual(before);
  });
});

describe('sign-up without enumeration', () => {
  it('gives one answer whether the sponsor exists or not; an unknown sponsor goes straight to moderators, flagged', async () => {
    const known = application();
    const unknown = application({ sponsorEmail: `nobody@${DOMAIN}` });
    const a = await requestSignup(known, { ip: freshIp() });
    const b = await requestSignup(unknown, { ip: freshIp() });
    expect(a).toEqual(b);
    expect(a.message).toBe(SIGNUP_RECEIVED_MESSAGE);

    const [knownRow] = await requestOf(known.email);
    const [unknownRow] = await requestOf(unknown.email);
    expect(knownRow).toMatchObject({ status: 'awaiting_sponsor', sponsorId: sponsor.id, organisationId: org.id });
    expect(unknownRow).toMatchObject({ status: 'pending', sponsorId: null, sponsorEmail: `nobody@${DOMAIN}` });
    expect(await verifyPassword(PASSWORD, knownRow.passwordHash)).toBe(true);
    // Only a real sponsor is emailed.
    const sponsorMails = (await emailsTo(sponsor.email)).filter((m) => m.body.includes(known.email));
    expect(sponsorMails).toHaveLength(1);
    expect(await emailsTo(`nobody@${DOMAIN}`)).toHaveLength(0);

    const queue = await listSignupQueue(moderator);
    expect(queue.find((r) => r.id === unknownRow.id)?.flags).toContain('sponsor not found');
    expect(queue.find((r) => r.id === knownRow.id)?.flags).toEqual(['sponsor has not answered']);
  });

  it('a suspended member cannot sponsor (treated as not found)', async () => {
    const suspended = await makeUser({ organisation: org, status: 'suspended' });
    const app = application({ sponsorEmail: suspended.email });
    await requestSignup(app, { ip: freshIp() });
    const [row] = await requestOf(app.email);
    expect(row).toMatchObject({ status: 'pending', sponsorId: null });
  });

  it('a duplicate (existing account or open request) gets the same answer and writes nothing', async () => {
    const first = application();
    const ip = freshIp();
    const answer = await requestSignup(first, { ip });
    const before = await rowCounts();
    expect(await requestSignup({ ...first, name: 'Someone Else' }, { ip })).toEqual(answer);
    const existing = await makeUser({ email: `existing${n}@${DOMAIN}` });
    const afterUser = await rowCounts();
    expect(await requestSignup(application({ email: existing.email }), { ip })).toEqual(answer);
    expect(before.signup_requests).toBe(afterUser.signup_requests);
    expect(await rowCounts()).toEqual(afterUser);
    expect(await requestOf(first.email)).toHaveLength(1);
    expect(await requestOf(existing.email)).toHaveLength(0);
  });

  it('two requests for one email at the same moment leave one row', async () => {
    const app = application();
    const answers = await Promise.all([requestSignup(app, { ip: freshIp() }), requestSignup(app, { ip: freshIp() })]);
    expect(answers[0]).toEqual(answers[1]);
    expect(await requestOf(app.email)).toHaveLength(1);
  });

  it('rate-limits sign-up requests per IP address with a clear 429', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await requestSignup(application(), { ip });
    const blocked = application();
    const error = await errorOf(() => requestSignup(blocked, { ip }));
    expect(error.status).toBe(429);
    expect(error.message).toMatch(/Too many sign-up requests/);
    expect(await requestOf(blocked.email)).toHaveLength(0);
    // Another address is not affected.
    await requestSignup(application(), { ip: freshIp() });
  });

  it('offers the organisations to choose from', async () => {
    expect(await listSignupOrganisations()).toContainEqual({ odsCode: 'RVT', name: 'Vetting Teaching Hospitals' });
  });
});

describe('sponsor, then moderators', () => {
  it('the sponsor sees and vouches; nobody else can answer for them', async () => {
    const app = application();
    await requestSignup(app, { ip: freshIp() });
    const [row] = await requestOf(app.email);
    expect((await listSponsorRequests(sponsorActor)).map((r) => r.id)).toContain(row.id);
    expect((await listSponsorRequests(member)).map((r) => r.id)).not.toContain(row.id);

    expect((await errorOf(() => respondAsSponsor(member, row.id, { decision: 'vouch' }))).status).toBe(404);
    const before = await rowCounts();
    const noNote = await errorOf(() => respondAsSponsor(sponsorActor, row.id, { decision: 'decline' }));
    expect(noNote.status).toBe(400);
    expect(noNote.fields).toHaveProperty('note');
    expect(await rowCounts()).toEqual(before);

    await respondAsSponsor(sponsorActor, row.id, { decision: 'vouch', note: 'Works in our SOC.' });
    const [after] = await requestOf(app.email);
    expect(after).toMatchObject({ status: 'pending', sponsorDecision: 'vouched', sponsorNote: 'Works in our SOC.' });
    expect((await errorOf(() => respondAsSponsor(sponsorActor, row.id, { decision: 'decline', note: 'changed my mind' }))).status).toBe(404);
    const queued = (await listSignupQueue(moderator)).find((r) => r.id === row.id)!;
    expect(queued).toMatchObject({ sponsorDecision: 'vouched', sponsorName: sponsor.name, flags: [] });
  });

  it('a decline with a note reaches the queue flagged', async () => {
    const app = application();
    await requestSignup(app, { ip: freshIp() });
    const [row] = await requestOf(app.email);
    await respondAsSponsor(sponsorActor, row.id, { decision: 'decline', note: 'I do not know them.' });
    const queued = (await listSignupQueue(moderator)).find((r) => r.id === row.id)!;
    expect(queued.flags).toContain('sponsor declined');
    expect(queued.sponsorNote).toBe('I do not know them.');
  });

  it('approval creates exactly one active member in the organisation, with a unique username, audited and emailed', async () => {
    await makeUser({ email: `dup.name@other-${DOMAIN}` }).then((u) => db().update(schema.users).set({ username: 'dup.name' }).where(eq(schema.users.id, u.id)));
    const app = application({ email: `dup.name@${DOMAIN}`, name: 'Dana Approved' });
    await requestSignup(app, { ip: freshIp() });
    const [row] = await requestOf(app.email);
    const result = await approveSignup(moderator, row.id, { note: 'Known to the team' });
    expect(result.username).toBe('dup.name2');

    const users = await db().select().from(schema.users).where(eq(schema.users.email, app.email));
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ role: 'member', status: 'active', organisationId: org.id, jobRole: 'Cyber security analyst', name: 'Dana Approved' });
    expect(await verifyPassword(PASSWORD, users[0].passwordHash)).toBe(true);

    const before = await rowCounts();
    expect((await errorOf(() => approveSignup(moderator, row.id))).status).toBe(409);
    expect((await errorOf(() => rejectSignup(moderator, row.id, { reason: 'late' }))).status).toBe(409);
    expect(await rowCounts()).toEqual(before);

    const [approved] = await requestOf(app.email);
    expect(approved).toMatchObject({ status: 'approved', reviewedById: moderator.id, userId: users[0].id });
    const audit = await db().select().from(schema.auditEvents).where(and(eq(schema.auditEvents.action, 'signup.approve'), eq(schema.auditEvents.subjectId, row.id)));
    expect(audit).toHaveLength(1);
    const staff = await db().select().from(schema.staffActions).where(and(eq(schema.staffActions.action, 'signup.approve'), eq(schema.staffActions.targetId, row.id)));
    expect(staff).toMatchObject([{ actorId: moderator.id, targetUserId: users[0].id, reason: 'Known to the team' }]);
    const mails = await emailsTo(app.email);
    expect(mails.map((m) => m.purpose)).toEqual(['signup.approved']);
    // Nothing internal in the applicant's email.
    expect(mails[0].body).not.toContain('Known to the team');
    // A new request for an approved email is a duplicate: same answer, no row.
    await requestSignup(app, { ip: freshIp() });
    expect(await requestOf(app.email)).toHaveLength(1);
  });

  it('rejection needs a reason; the applicant is emailed it and nothing else internal', async () => {
    const app = application();
    await requestSignup(app, { ip: freshIp() });
    const [row] = await requestOf(app.email);
    await respondAsSponsor(sponsorActor, row.id, { decision: 'decline', note: 'Internal sponsor remark' });
    const before = await rowCounts();
    for (const raw of [{}, { reason: '   ' }]) {
      const error = await errorOf(() => rejectSignup(moderator, row.id, raw));
      expect(error.status).toBe(400);
      expect(error.fields).toHaveProperty('reason');
    }
    expect(await rowCounts()).toEqual(before);

    await rejectSignup(moderator, row.id, { reason: 'Please apply with your trust email once your contract starts.' });
    const [rejected] = await requestOf(app.email);
    expect(rejected).toMatchObject({ status: 'rejected', decisionReason: 'Please apply with your trust email once your contract starts.' });
    expect(await db().select().from(schema.users).where(eq(schema.users.email, app.email))).toHaveLength(0);
    const [mail] = await emailsTo(app.email);
    expect(mail.purpose).toBe('signup.rejected');
    expect(mail.body).toContain('Please apply with your trust email once your contract starts.');
    expect(mail.body).not.toContain('Internal sponsor remark');
    expect(mail.body).not.toContain(sponsor.name);
    const staff = await db().select().from(schema.staffActions).where(and(eq(schema.staffActions.action, 'signup.reject'), eq(schema.staffActions.targetId, row.id)));
    expect(staff).toHaveLength(1);
    // After a rejection the person may ask again.
    await requestSignup(app, { ip: freshIp() });
    expect(await requestOf(app.email)).toHaveLength(2);
  });

  it('only moderators and admins review; an unknown id is a 404', async () => {
    const app = application();
    await requestSignup(app, { ip: freshIp() });
    const [row] = await requestOf(app.email);
    expect((await errorOf(() => listSignupQueue(member))).status).toBe(403);
    expect((await errorOf(() => approveSignup(sponsorActor, row.id))).status).toBe(403);
    expect((await errorOf(() => rejectSignup(member, row.id, { reason: 'x' }))).status).toBe(403);
    expect((await errorOf(() => approveSignup(admin, randomId()))).status).toBe(404);
    const res = await signupQueueRoute(new NextRequest('http://localhost:3000/api/v1/signups'), { params: Promise.resolve({}) });
    expect(res.status).toBe(401);
  });

  it('the emails reach Notify through the real client', async () => {
    const app = application({ name: 'Eve Emailed' });
    await requestSignup(app, { ip: freshIp() });
    const [row] = await requestOf(app.email);
    await rejectSignup(moderator, row.id, { reason: 'Not an NHS role.' });
    const gateway = createEmailGateway({ apiKey: fake.apiKey, baseUrl: fake.url, timeoutMs: 1000 });
    const mails = [...(await emailsTo(sponsor.email)).filter((m) => m.body.includes(app.email)), ...(await emailsTo(app.email))];
    expect(mails).toHaveLength(2);
    for (const m of mails) expect((await deliverEmail(m.id, gateway)).outcome).toBe('accepted');
    expect(fake.receivedEmails.map((e) => [e.emailAddress, e.subject])).toEqual([
      [sponsor.email, 'Watchroom: please vouch for a sign-up request'],
      [app.email, 'Your Watchroom sign-up request'],
    ]);
    expect(fake.receivedEmails[1].body).toContain('Reason: Not an NHS role.');
  });
});

describe('the email-domain allow-list', () => {
  it('admins add and remove domains, audited and in the staff log; others may not', async () => {
    expect((await errorOf(() => addEmailDomain(moderator, { domain: 'x.nhs.uk' }))).status).toBe(403);
    const before = await rowCounts();
    for (const domain of ['', 'not a domain', '@nhs.net', 'nhs']) {
      expect((await errorOf(() => addEmailDomain(admin, { domain }))).status).toBe(400);
    }
    expect(await rowCounts()).toEqual(before);
    await addEmailDomain(admin, { domain: ' New-Trust.NHS.uk ' });
    expect((await listEmailDomains(admin)).map((d) => d.domain)).toContain('new-trust.nhs.uk');
    expect((await errorOf(() => addEmailDomain(admin, { domain: 'new-trust.nhs.uk' }))).status).toBe(409);
    await requestSignup(application({ email: `a${n}@new-trust.nhs.uk` }), { ip: freshIp() });
    await removeEmailDomain(admin, 'new-trust.nhs.uk');
    expect((await errorOf(() => requestSignup(application({ email: `b${n}@new-trust.nhs.uk` }), { ip: freshIp() }))).status).toBe(400);
    const logged = await db().select().from(schema.staffActions).where(eq(schema.staffActions.targetId, 'new-trust.nhs.uk'));
    expect(logged.map((l) => l.action).sort()).toEqual(['email_domain.add', 'email_domain.remove']);
  });
});
