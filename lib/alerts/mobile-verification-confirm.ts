import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { requireSession } from '@/lib/auth/require-session';
import { recordAudit } from '@/lib/audit';
import { Invalid } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { codeMatches, MAX_CODE_TRIES } from './mobile-verification-code';
import { maskPhone } from './phone';

export const confirmMobileInput = z.object({
  code: z
    .string({ message: 'Enter the 6-digit code' })
    .transform((v) => v.replace(/\s+/g, ''))
    .pipe(z.string().regex(/^\d{6}$/, { message: 'Enter the 6-digit code from the text' })),
});

const refuse = (message: string) => Invalid(message, { code: [message] });

/**
 * The member types the code. Right: the number is verified (alerts may go to it). Wrong: one of five
 * tries is used; after the fifth the code is dead. An expired or dead code asks for a new one.
 */
export async function confirmMobileVerification(actor: Actor, raw: unknown): Promise<{ mobile: string; verified: true }> {
  requireSession(actor);
  const { code } = parseInput(confirmMobileInput, raw);
  const outcome = await getDb().transaction(async (tx) => {
    const [check] = await tx.select().from(schema.mobileVerifications).where(eq(schema.mobileVerifications.userId, actor.id)).for('update');
    if (!check) return { kind: 'none' as const };
    if (check.attempts >= MAX_CODE_TRIES) return { kind: 'dead' as const };
    if (check.expiresAt <= new Date()) return { kind: 'expired' as const };
    if (!codeMatches(check.codeHash, actor.id, check.phone, code)) {
      const attempts = check.attempts + 1;
      await tx.update(schema.mobileVerifications).set({ attempts }).where(eq(schema.mobileVerifications.userId, actor.id));
      if (attempts >= MAX_CODE_TRIES) {
        await recordAudit(tx, { actorId: actor.id, action: 'mobile.code_locked', subjectType: 'user', subjectId: actor.id, ip: actor.ip, detail: { mobile: maskPhone(check.phone) } });
        return { kind: 'dead' as const };
      }
      return { kind: 'wrong' as const, triesLeft: MAX_CODE_TRIES - attempts };
    }
    await tx.delete(schema.mobileVerifications).where(eq(schema.mobileVerifications.userId, actor.id));
    await tx.update(schema.users).set({ mobile: check.phone, mobileVerified: true }).where(eq(schema.users.id, actor.id));
    await recordAudit(tx, { actorId: actor.id, action: 'mobile.verified', subjectType: 'user', subjectId: actor.id, ip: actor.ip, detail: { mobile: maskPhone(check.phone) } });
    return { kind: 'verified' as const, mobile: check.phone };
  });
  switch (outcome.kind) {
    case 'verified':
      return { mobile: outcome.mobile, verified: true };
    case 'wrong':
      throw refuse(`That code is not right. You have ${outcome.triesLeft} ${outcome.triesLeft === 1 ? 'try' : 'tries'} left.`);
    case 'dead':
      throw refuse('Too many wrong codes. Send a new code.');
    case 'expired':
      throw refuse('That code has expired. Send a new code.');
    case 'none':
      throw refuse('There is no code waiting. Send a code first.');
  }
}
