import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { Actor } from './actor';
import { confirmCurrentPassword } from './confirm-password';
import { mfaRequiredFor } from './mfa-required';
import { requireSession } from './require-session';

export const passwordInput = z.object({ password: z.string({ message: 'Enter your password' }).min(1, 'Enter your password').max(1024) });

/** Turns two-step verification off (needs the password); refused for roles that must have it. */
export async function disableMfa(actor: Actor, raw: unknown) {
  const subject = requireSession(actor);
  const { password } = parseInput(passwordInput, raw);
  if (mfaRequiredFor(subject.role)) throw Forbidden('Your role needs two-step verification, so it cannot be turned off.');
  await confirmCurrentPassword(subject.id, password);
  await getDb().transaction(async (tx) => {
    const [user] = await tx.select({ totpEnabledAt: schema.users.totpEnabledAt }).from(schema.users).where(eq(schema.users.id, subject.id)).for('update');
    if (!user?.totpEnabledAt) throw Conflict('Two-step verification is not on.');
    await tx.update(schema.users).set({ totpSecret: null, totpEnabledAt: null, totpLastTimeStep: null }).where(eq(schema.users.id, subject.id));
    await tx.delete(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, subject.id));
    await recordAudit(tx, { actorId: subject.id, action: 'user.mfa_disabled', subjectType: 'user', subjectId: subject.id, ip: subject.ip });
  });
}
