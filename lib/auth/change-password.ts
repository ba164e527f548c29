import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { Invalid, NotFound } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { Actor } from './actor';
import { confirmCurrentPassword } from './confirm-password';
import { requireSession } from './require-session';
import { hashPassword } from './password';
import { checkPasswordPolicy, PASSWORD_MAX_LENGTH } from './password-policy';
import { createSession, type SessionContext } from './sessions';
import { dropLiveConnections, revokeAllSessions } from './sign-out-everywhere';

export const changePasswordInput = z.object({
  currentPassword: z.string({ message: 'Enter your current password' }).min(1, 'Enter your current password').max(PASSWORD_MAX_LENGTH),
  newPassword: z.string({ message: 'Enter a new password' }).min(1, 'Enter a new password').max(PASSWORD_MAX_LENGTH * 4),
});

/**
 * Changes the password (the current one is needed) and signs the person out everywhere else: every
 * session is revoked and the session version bumped, then a fresh session is opened for this browser,
 * which the caller puts in the session cookie. Their open sockets are dropped after commit.
 */
export async function changePassword(actor: Actor, raw: unknown, ctx: SessionContext) {
  const subject = requireSession(actor);
  const input = parseInput(changePasswordInput, raw);
  const [user] = await getDb()
    .select({ email: schema.users.email, name: schema.users.name })
    .from(schema.users)
    .where(eq(schema.users.id, subject.id))
    .limit(1);
  if (!user) throw NotFound();
  const problem = checkPasswordPolicy(input.newPassword, { email: user.email, name: user.name });
  if (problem) throw Invalid(problem, { newPassword: [problem] });
  await confirmCurrentPassword(subject.id, input.currentPassword, 'currentPassword');
  if (input.newPassword === input.currentPassword) {
    throw Invalid('Your new password must be different from your current one', { newPassword: ['Choose a password different from your current one'] });
  }
  const passwordHash = await hashPassword(input.newPassword);
  const session = await getDb().transaction(async (tx) => {
    await tx.update(schema.users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(schema.users.id, subject.id));
    await revokeAllSessions(tx, subject.id, 'password_changed');
    const [{ sessionVersion }] = await tx
      .select({ sessionVersion: schema.users.sessionVersion })
      .from(schema.users)
      .where(eq(schema.users.id, subject.id));
    const sessionId = await createSession(tx, subject.id, ctx, true);
    await recordAudit(tx, {
      actorId: subject.id,
      action: 'user.password_changed',
      subjectType: 'user',
      subjectId: subject.id,
      ip: subject.ip,
      detail: { sessionId },
    });
    return { userId: subject.id, sessionVersion, sessionId };
  });
  dropLiveConnections(subject.id);
  return session;
}
