import { asc, eq, inArray, like, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { queueEmail } from '@/lib/email/queue-email';
import { signupApprovedEmail, signupRejectedEmail } from '@/lib/email/messages';
import { Conflict, Forbidden, NotFound } from '@/lib/errors';
import { recordStaffAction } from '@/lib/moderation/staff-log';
import { mayReviewSignups } from '@/lib/policy';
import { parseInput, uuidParam } from '@/lib/validation';
import { OPEN_SIGNUP_STATUSES } from './request-signup';

export type SignupFlag = 'sponsor not found' | 'sponsor declined' | 'sponsor has not answered' | 'sponsor is in another organisation';

export const approveInput = z.object({ note: z.string().trim().max(1000, { message: 'Note must be 1,000 characters or fewer' }).optional().default('') });
export const rejectInput = z.object({
  reason: z
    .string({ message: 'Give a reason: the applicant is told it' })
    .trim()
    .min(1, { message: 'Give a reason: the applicant is told it' })
    .max(1000, { message: 'Reason must be 1,000 characters or fewer' }),
});

/** The moderators' queue: open requests, oldest first, with the sponsor's answer and anything to check. */
export async function listSignupQueue(actor: Actor) {
  if (!mayReviewSignups(actor)) throw Forbidden('Only moderators review sign-up requests.');
  const sponsor = alias(schema.users, 'sponsor');
  const rows = await getDb()
    .select({
      id: schema.signupRequests.id,
      name: schema.signupRequests.name,
      email: schema.signupRequests.email,
      jobRole: schema.signupRequests.jobRole,
      status: schema.signupRequests.status,
      organisationId: schema.signupRequests.organisationId,
      organisation: schema.organisations.name,
      odsCode: schema.organisations.odsCode,
      sponsorEmail: schema.signupRequests.sponsorEmail,
      sponsorName: sponsor.name,
      sponsorOrganisationId: sponsor.organisationId,
      sponsorDecision: schema.signupRequests.sponsorDecision,
      sponsorNote: schema.signupRequests.sponsorNote,
      createdAt: schema.signupRequests.createdAt,
    })
    .from(schema.signupRequests)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.signupRequests.organisationId))
    .leftJoin(sponsor, eq(sponsor.id, schema.signupRequests.sponsorId))
    .where(inArray(schema.signupRequests.status, [...OPEN_SIGNUP_STATUSES]))
    .orderBy(asc(schema.signupRequests.createdAt));
  return rows.map(({ sponsorOrganisationId, organisationId, ...r }) => ({ ...r, flags: flagsOf(r, sponsorOrganisationId, organisationId) }));
}

function flagsOf(r: { sponsorName: string | null; sponsorDecision: string | null; status: string }, sponsorOrg: string | null, org: string): SignupFlag[] {
  const flags: SignupFlag[] = [];
  if (r.sponsorName === null) flags.push('sponsor not found');
  else {
    if (r.sponsorDecision === 'declined') flags.push('sponsor declined');
    if (r.status === 'awaiting_sponsor') flags.push('sponsor has not answered');
    if (sponsorOrg !== org) flags.push('sponsor is in another organisation');
  }
  return flags;
}

async function openRequestForUpdate(tx: Tx, requestId: string) {
  if (!uuidParam.safeParse(requestId).success) throw NotFound();
  const [request] = await tx
    .select()
    .from(schema.signupRequests)
    .where(eq(schema.signupRequests.id, requestId))
    .for('update')
    .limit(1);
  if (!request) throw NotFound();
  if (!(OPEN_SIGNUP_STATUSES as readonly string[]).includes(request.status)) throw Conflict('This request has already been decided.');
  return request;
}

/** Approves a request: exactly one active member account in the organisation, with a unique @username. */
export async function approveSignup(actor: Actor, requestId: string, raw: unknown = {}) {
  if (!mayReviewSignups(actor)) throw Forbidden('Only moderators review sign-up requests.');
  const { note } = parseInput(approveInput, raw ?? {});
  return getDb().transaction(async (tx) => {
    const request = await openRequestForUpdate(tx, requestId);
    const [taken] = await tx.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, request.email)).limit(1);
    if (taken) throw Conflict('An account with this email already exists. Reject the request instead.');
    const username = await uniqueUsername(tx, request.email);
    const [user] = await tx
      .insert(schema.users)
      .values({
        name: request.name,
        email: request.email,
        username,
        organisationId: request.organisationId,
        role: 'member',
        status: 'active',
        passwordHash: request.passwordHash,
        jobRole: request.jobRole,
        mobile: null,
        passwordChangedAt: new Date(),
      })
      .returning({ id: schema.users.id });
    await tx
      .update(schema.signupRequests)
      .set({ status: 'approved', reviewedById: actor.id, reviewedAt: new Date(), decisionReason: note || null, userId: user.id })
      .where(eq(schema.signupRequests.id, request.id));
    await recordAudit(tx, { actorId: actor.id, action: 'signup.approve', subjectType: 'signup', subjectId: request.id, ip: actor.ip, detail: { userId: user.id } });
    await recordStaffAction(tx, { actorId: actor.id, action: 'signup.approve', targetType: 'signup', targetId: request.id, targetUserId: user.id, reason: note });
    await queueEmail(tx, request.email, 'signup.approved', signupApprovedEmail({ name: request.name }));
    return { id: request.id, status: 'approved' as const, userId: user.id, username };
  });
}

/** Rejects a request with a reason, which the applicant is told (and nothing else internal). */
export async function rejectSignup(actor: Actor, requestId: string, raw: unknown) {
  if (!mayReviewSignups(actor)) throw Forbidden('Only moderators review sign-up requests.');
  const { reason } = parseInput(rejectInput, raw);
  return getDb().transaction(async (tx) => {
    const request = await openRequestForUpdate(tx, requestId);
    await tx
      .update(schema.signupRequests)
      .set({ status: 'rejected', reviewedById: actor.id, reviewedAt: new Date(), decisionReason: reason })
      .where(eq(schema.signupRequests.id, request.id));
    await recordAudit(tx, { actorId: actor.id, action: 'signup.reject', subjectType: 'signup', subjectId: request.id, ip: actor.ip, detail: { reason } });
    await recordStaffAction(tx, { actorId: actor.id, action: 'signup.reject', targetType: 'signup', targetId: request.id, reason });
    await queueEmail(tx, request.email, 'signup.rejected', signupRejectedEmail({ name: request.name, reason }));
    return { id: request.id, status: 'rejected' as const };
  });
}

/** `jane.smith` from jane.smith@nhs.net; `jane.smith2`, `jane.smith3`… when taken. Fits the @mention pattern. */
export async function uniqueUsername(tx: Tx, email: string): Promise<string> {
  let base = email.split('@')[0].toLowerCase().replace(/[^a-z0-9._-]/g, '').replace(/^[._-]+|[._-]+$/g, '').slice(0, 26).replace(/[._-]+$/, '');
  if (base.length < 2) base = `member${base}`;
  const taken = new Set(
    (
      await tx
        .select({ username: schema.users.username })
        .from(schema.users)
        .where(or(eq(schema.users.username, base), like(schema.users.username, `${base.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)))
    ).map((r) => r.username),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}
