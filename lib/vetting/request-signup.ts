import { and, asc, eq, inArray } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { checkPasswordPolicy } from '@/lib/auth/password-policy';
import { burnPasswordCheck, hashPassword } from '@/lib/auth/password';
import { queueEmail } from '@/lib/email/queue-email';
import { sponsorRequestEmail } from '@/lib/email/messages';
import { Invalid } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { domainOf, isAllowedEmailDomain } from './email-domains';
import { SIGNUP_RECEIVED_MESSAGE, signupInput } from './signup-input';
import { consumeSignupBudget } from './signup-rate-limit';

export const OPEN_SIGNUP_STATUSES = ['awaiting_sponsor', 'pending'] as const;

/**
 * A public request to join (no session). Bad input is a 400 naming the field and writes nothing. Every
 * accepted request gets the same answer: a duplicate (an existing account or an open request for the
 * email) writes nothing, and an unknown sponsor sends the request straight to moderators, flagged.
 */
export async function requestSignup(raw: unknown, meta: { ip?: string } = {}) {
  const input = parseInput(signupInput, raw);
  const weak = checkPasswordPolicy(input.password, { email: input.email, name: input.name });
  if (weak) throw Invalid(weak, { password: [weak] });
  if (input.sponsorEmail === input.email) throw Invalid('Your sponsor must be someone else', { sponsorEmail: ['Your sponsor must be someone else: an existing Watchroom member who knows your work'] });

  const db = getDb();
  if (!(await isAllowedEmailDomain(db, input.email))) {
    const message = `Use your work email address: ${domainOf(input.email)} is not a domain Watchroom accepts`;
    throw Invalid(message, { email: [message] });
  }
  const [organisation] = await db.select().from(schema.organisations).where(eq(schema.organisations.odsCode, input.odsCode)).limit(1);
  if (!organisation) {
    const message = `No organisation has the ODS code ${input.odsCode}. Choose yours from the list`;
    throw Invalid(message, { odsCode: [message] });
  }

  await consumeSignupBudget(meta.ip);

  const [existingUser] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, input.email)).limit(1);
  const [openRequest] = await db
    .select({ id: schema.signupRequests.id })
    .from(schema.signupRequests)
    .where(and(eq(schema.signupRequests.email, input.email), inArray(schema.signupRequests.status, [...OPEN_SIGNUP_STATUSES])))
    .limit(1);
  if (existingUser || openRequest) {
    // The same work (a password hash) and the same answer as a new request.
    await burnPasswordCheck(input.password);
    return { message: SIGNUP_RECEIVED_MESSAGE };
  }

  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [sponsor] = await tx
      .select({ id: schema.users.id, name: schema.users.name, email: schema.users.email })
      .from(schema.users)
      .where(and(eq(schema.users.email, input.sponsorEmail), eq(schema.users.status, 'active')))
      .limit(1);
    const [request] = await tx
      .insert(schema.signupRequests)
      .values({
        name: input.name,
        email: input.email,
        organisationId: organisation.id,
        jobRole: input.jobRole,
        sponsorId: sponsor?.id ?? null,
        sponsorEmail: input.sponsorEmail,
        passwordHash,
        status: sponsor ? 'awaiting_sponsor' : 'pending',
      })
      // Two requests for one email at the same moment: the open-request unique index keeps one.
      .onConflictDoNothing()
      .returning({ id: schema.signupRequests.id });
    if (!request) return;
    await recordAudit(tx, {
      actorId: null,
      action: 'signup.request',
      subjectType: 'signup',
      subjectId: request.id,
      ip: meta.ip,
      detail: { organisationId: organisation.id, sponsorFound: Boolean(sponsor) },
    });
    if (sponsor) {
      await queueEmail(
        tx,
        sponsor.email,
        'signup.sponsor_request',
        sponsorRequestEmail({ sponsorName: sponsor.name, applicantName: input.name, applicantEmail: input.email, organisationName: organisation.name, jobRole: input.jobRole }),
      );
    }
  });
  return { message: SIGNUP_RECEIVED_MESSAGE };
}

/** Organisations an applicant can choose (ODS codes are public data). */
export async function listSignupOrganisations() {
  return getDb()
    .select({ odsCode: schema.organisations.odsCode, name: schema.organisations.name })
    .from(schema.organisations)
    .orderBy(asc(schema.organisations.name));
}
