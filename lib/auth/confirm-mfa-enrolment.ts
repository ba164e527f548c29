import { and, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { Conflict, Invalid } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { Actor } from './actor';
import { requireSession } from './require-session';
import { replaceRecoveryCodes } from './recovery-codes';
import { mfaCodeLimiter } from './sign-in-limits';
import { acceptTotpCode } from './totp';

export const codeInput = z.object({ code: z.string({ message: 'Enter the code' }).trim().min(1, 'Enter the code').max(40, 'Enter the code') });

/**
 * Turns two-step verification on once a code from the new secret checks out; this session counts as
 * having passed it. Returns ten recovery codes, shown once (only their hashes are kept).
 */
export async function confirmMfaEnrolment(actor: Actor, raw: unknown): Promise<{ recoveryCodes: string[] }> {
  const subject = requireSession(actor);
  const { code } = parseInput(codeInput, raw);
  const keys = { session: subject.sessionId, user: subject.id };
  await mfaCodeLimiter.check(keys);
  const result = await getDb().transaction(async (tx) => {
    const [user] = await tx
      .select({ totpSecret: schema.users.totpSecret, totpEnabledAt: schema.users.totpEnabledAt })
      .from(schema.users)
      .where(eq(schema.users.id, subject.id))
      .for('update');
    if (!user || user.totpEnabledAt) throw Conflict('Two-step verification is already on.');
    if (!user.totpSecret) throw Conflict('Start setting up two-step verification first.');
    if (!(await acceptTotpCode(tx, subject.id, user.totpSecret, code))) return null;
    await tx.update(schema.users).set({ totpEnabledAt: new Date() }).where(and(eq(schema.users.id, subject.id), isNull(schema.users.totpEnabledAt)));
    await tx.update(schema.userSessions).set({ mfaPassed: true }).where(eq(schema.userSessions.id, subject.sessionId));
    const recoveryCodes = await replaceRecoveryCodes(tx, subject.id);
    await recordAudit(tx, { actorId: subject.id, action: 'user.mfa_enabled', subjectType: 'user', subjectId: subject.id, ip: subject.ip });
    return { recoveryCodes };
  });
  if (!result) {
    await mfaCodeLimiter.fail(keys);
    throw Invalid('The code is not right. Enter the 6-digit code your app shows now', { code: ['Enter the 6-digit code your app shows now'] });
  }
  await mfaCodeLimiter.reset({ session: keys.session });
  return result;
}
