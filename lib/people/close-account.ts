import { randomBytes } from 'node:crypto';
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { confirmCurrentPassword } from '@/lib/auth/confirm-password';
import { hashPassword } from '@/lib/auth/password';
import { dropLiveConnections, revokeAllSessions } from '@/lib/auth/sign-out-everywhere';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden, NotFound } from '@/lib/errors';
import { recordStaffAction } from '@/lib/moderation/staff-log';
import { mayModerate, mayModerateUser } from '@/lib/policy';
import { parseInput } from '@/lib/validation';

/** What a closed account is called wherever its posts appear. */
export const FORMER_MEMBER_NAME = 'a former member';

export const requestClosureInput = z.object({
  password: z.string().min(1, { message: 'Enter your password' }).max(1000),
});

/**
 * A person asks for their account to be closed, confirming with their password. A moderator completes it
 * (completeAccountClosure); until then nothing changes and they can keep using the account. Audited.
 */
export async function requestAccountClosure(actor: Actor, raw: unknown) {
  const input = parseInput(requestClosureInput, raw);
  await confirmCurrentPassword(actor.id, input.password);
  return getDb().transaction(async (tx) => {
    const [user] = await tx
      .select({ requestedAt: schema.users.closureRequestedAt, closedAt: schema.users.closedAt })
      .from(schema.users)
      .where(eq(schema.users.id, actor.id))
      .for('update');
    if (!user || user.closedAt) throw NotFound();
    if (user.requestedAt) throw Conflict('You have already asked for your account to be closed.');
    const requestedAt = new Date();
    await tx.update(schema.users).set({ closureRequestedAt: requestedAt }).where(eq(schema.users.id, actor.id));
    await recordAudit(tx, { actorId: actor.id, action: 'account.closure_requested', subjectType: 'user', subjectId: actor.id, ip: actor.ip });
    return { requestedAt };
  });
}

/** Moderators: the accounts waiting to be closed, oldest request first. */
export async function listClosureRequests(actor: Actor) {
  if (!mayModerate(actor)) throw Forbidden();
  return getDb()
    .select({
      id: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.users.role,
      organisation: schema.organisations.name,
      requestedAt: schema.users.closureRequestedAt,
    })
    .from(schema.users)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
    .where(and(isNotNull(schema.users.closureRequestedAt), isNull(schema.users.closedAt)))
    .orderBy(asc(schema.users.closureRequestedAt));
}

const completeInput = z.object({ userId: z.uuid({ message: 'Choose an account' }) });

/**
 * A moderator completes a requested closure. The account is anonymised — named "a former member", email a
 * unique placeholder, no username, mobile, bio or job role, no second factor, an unknowable password — its
 * status set to closed and every session, API token and pending code ended. Posts stay, attributed to
 * "a former member". One transaction, audited and in the staff action log; live sockets dropped after commit.
 */
export async function completeAccountClosure(actor: Actor, raw: unknown) {
  if (!mayModerate(actor)) throw Forbidden();
  const { userId } = parseInput(completeInput, raw);
  const unusable = await hashPassword(randomBytes(32).toString('base64url'));
  const result = await getDb().transaction(async (tx) => {
    const [user] = await tx
      .select({ id: schema.users.id, role: schema.users.role, requestedAt: schema.users.closureRequestedAt, closedAt: schema.users.closedAt })
      .from(schema.users)
      .where(eq(schema.users.id, userId))
      .for('update');
    if (!user) throw NotFound();
    if (!mayModerateUser(actor, user)) throw Forbidden('You cannot close this account.');
    if (user.closedAt) throw Conflict('This account is already closed.');
    if (!user.requestedAt) throw Conflict('This person has not asked for their account to be closed.');
    const closedAt = new Date();
    await tx
      .update(schema.users)
      .set({
        name: FORMER_MEMBER_NAME,
        email: `closed-${user.id}@closed.invalid`,
        username: null,
        mobile: null,
        mobileVerified: false,
        incidentContact: false,
        bio: '',
        jobRole: '',
        profileVisibility: {},
        totpSecret: null,
        totpEnabledAt: null,
        passwordHash: unusable,
        status: 'closed',
        closedAt,
      })
      .where(eq(schema.users.id, user.id));
    await revokeAllSessions(tx, user.id, 'account closed');
    await tx.update(schema.apiTokens).set({ revokedAt: sql`now()` }).where(and(eq(schema.apiTokens.userId, user.id), isNull(schema.apiTokens.revokedAt)));
    await tx.delete(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, user.id));
    await tx.delete(schema.mobileVerifications).where(eq(schema.mobileVerifications.userId, user.id));
    await recordAudit(tx, { actorId: actor.id, action: 'account.closed', subjectType: 'user', subjectId: user.id, ip: actor.ip });
    await recordStaffAction(tx, { actorId: actor.id, action: 'user.close', targetType: 'user', targetId: user.id, targetUserId: user.id, reason: 'Closed at the member’s request' });
    return { id: user.id, closedAt };
  });
  dropLiveConnections(result.id);
  return result;
}

/** When the signed-in person asked for their account to be closed, or null. */
export async function getMyClosureRequest(actor: Actor): Promise<Date | null> {
  const [me] = await getDb().select({ requestedAt: schema.users.closureRequestedAt }).from(schema.users).where(eq(schema.users.id, actor.id)).limit(1);
  return me?.requestedAt ?? null;
}
