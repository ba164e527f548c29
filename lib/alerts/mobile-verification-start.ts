import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { requireSession } from '@/lib/auth/require-session';
import { recordAudit } from '@/lib/audit';
import { Conflict, Invalid, RateLimited } from '@/lib/errors';
import { logger } from '@/lib/logger';
import { parseInput } from '@/lib/validation';
import type { SmsGateway } from './notify-client';
import { CODE_TTL_MS, generateCode, hashCode, showsSimulatedCodes } from './mobile-verification-code';
import { consumeCodeBudget } from './mobile-verification-limits';
import { defaultSmsGateway, sendVerificationText } from './mobile-verification-send';
import { maskPhone, normaliseUkMobile } from './phone';

export const startMobileInput = z.object({ mobile: z.string({ message: 'Enter a UK mobile number' }).max(40, { message: 'Mobile number is too long' }) });

export type StartedVerification = {
  mobile: string;
  expiresAt: string;
  /** Only when texts are simulated outside production (README): the code, so the flow can be tried. */
  simulatedCode?: string;
};

/**
 * A member adds or changes their mobile: the number becomes theirs but unverified at once (an
 * unverified number is never texted alerts), and a 6-digit code is texted to it. Codes are rate
 * limited per person and per number; a new code replaces any earlier one.
 */
export async function startMobileVerification(actor: Actor, raw: unknown, gateway: SmsGateway = defaultSmsGateway()): Promise<StartedVerification> {
  requireSession(actor);
  const input = parseInput(startMobileInput, raw);
  const checked = normaliseUkMobile(input.mobile);
  if (!checked.ok) throw Invalid(checked.message, { mobile: [checked.message] });
  const phone = checked.e164;

  const db = getDb();
  const [user] = await db
    .select({ mobile: schema.users.mobile, verified: schema.users.mobileVerified })
    .from(schema.users)
    .where(eq(schema.users.id, actor.id));
  if (user?.mobile === phone && user.verified) throw Conflict('This number is already verified.');

  await consumeCodeBudget(actor.id, phone);

  const code = generateCode();
  const expiresAt = new Date(Date.now() + CODE_TTL_MS);
  await db.transaction(async (tx) => {
    const values = { phone, codeHash: hashCode(actor.id, phone, code), attempts: 0, expiresAt, notifyId: null, createdAt: new Date() };
    await tx.insert(schema.mobileVerifications).values({ userId: actor.id, ...values }).onConflictDoUpdate({ target: schema.mobileVerifications.userId, set: values });
    const changed = user?.mobile !== phone;
    if (changed) await tx.update(schema.users).set({ mobile: phone, mobileVerified: false }).where(eq(schema.users.id, actor.id));
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'mobile.code_sent',
      subjectType: 'user',
      subjectId: actor.id,
      ip: actor.ip,
      detail: { mobile: maskPhone(phone), numberChanged: changed },
    });
  });

  const sent = await sendVerificationText(gateway, phone, code);
  if (!sent.ok) {
    await db.delete(schema.mobileVerifications).where(eq(schema.mobileVerifications.userId, actor.id));
    logger.warn({ userId: actor.id, mobile: maskPhone(phone), reason: sent.failure.message }, 'mobile code not sent');
    if (sent.failure.action === 'fail') throw Invalid('We could not text this number. Check it and try again.', { mobile: ['We could not text this number'] });
    throw RateLimited('We could not send the code just now. Try again in a few minutes.');
  }
  await db.update(schema.mobileVerifications).set({ notifyId: sent.notifyId }).where(eq(schema.mobileVerifications.userId, actor.id));
  return {
    mobile: phone,
    expiresAt: expiresAt.toISOString(),
    ...(showsSimulatedCodes(gateway.simulated) ? { simulatedCode: code } : {}),
  };
}
