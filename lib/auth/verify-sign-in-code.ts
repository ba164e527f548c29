import { and, eq, isNull } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { Conflict, Invalid } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { SignedInSession } from './actor';
import { codeInput } from './confirm-mfa-enrolment';
import { spendRecoveryCode } from './recovery-codes';
import { mfaCodeLimiter } from './sign-in-limits';
import { acceptTotpCode, normaliseCode } from './totp';

/**
 * The second sign-in step: a code from the authenticator app (each accepted once) or an unused recovery
 * code marks this session as past two-step verification. Wrong codes count against a small budget.
 */
export async function verifySignInCode(session: SignedInSession, raw: unknown): Promise<{ usedRecoveryCode: boolean }> {
  if (session.state !== 'mfa_code') throw Conflict('This sign-in does not need a code.');
  const { code } = parseInput(codeInput, raw);
  const userId = session.actor.id;
  const keys = { session: session.sessionId, user: userId };
  await mfaCodeLimiter.check(keys);
  const outcome = await getDb().transaction(async (tx) => {
    const [user] = await tx.select({ totpSecret: schema.users.totpSecret }).from(schema.users).where(eq(schema.users.id, userId)).for('update');
    if (!user?.totpSecret) return null;
    const isTotp = /^\d{6}$/.test(normaliseCode(code));
    const ok = isTotp ? await acceptTotpCode(tx, userId, user.totpSecret, code) : await spendRecoveryCode(tx, userId, code);
    if (!ok) return null;
    const passed = await tx
      .update(schema.userSessions)
      .set({ mfaPassed: true })
      .where(and(eq(schema.userSessions.id, session.sessionId), isNull(schema.userSessions.revokedAt)))
      .returning({ id: schema.userSessions.id });
    if (!passed.length) return null;
    await recordAudit(tx, {
      actorId: userId,
      action: isTotp ? 'user.mfa_passed' : 'user.mfa_recovery_code_used',
      subjectType: 'user',
      subjectId: userId,
      ip: session.actor.ip,
      detail: { sessionId: session.sessionId },
    });
    return { usedRecoveryCode: !isTotp };
  });
  if (!outcome) {
    await mfaCodeLimiter.fail(keys);
    await getDb().transaction((tx) =>
      recordAudit(tx, { actorId: userId, action: 'user.mfa_failed', subjectType: 'user', subjectId: userId, ip: session.actor.ip, detail: { sessionId: session.sessionId } }),
    );
    throw Invalid('The code is not right. Enter the code your app shows now, or a recovery code', { code: ['Enter the code your app shows now, or a recovery code'] });
  }
  await mfaCodeLimiter.reset(keys);
  return outcome;
}
