import { and, eq, isNull } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { Conflict } from '@/lib/errors';
import type { Actor } from './actor';
import { requireSession } from './require-session';
import { newTotpSecret, totpUri } from './totp';

/**
 * Starts setting up an authenticator app: a new secret, sealed at rest, not yet in force until a code
 * from it is confirmed. Starting again replaces an unconfirmed secret. Refused when already on.
 */
export async function startMfaEnrolment(actor: Actor) {
  const subject = requireSession(actor);
  const { secret, sealed } = newTotpSecret();
  await getDb().transaction(async (tx) => {
    const updated = await tx
      .update(schema.users)
      .set({ totpSecret: sealed, totpLastTimeStep: null })
      .where(and(eq(schema.users.id, subject.id), isNull(schema.users.totpEnabledAt)))
      .returning({ id: schema.users.id });
    if (!updated.length) throw Conflict('Two-step verification is already on.');
    await recordAudit(tx, { actorId: subject.id, action: 'user.mfa_enrolment_started', subjectType: 'user', subjectId: subject.id, ip: subject.ip });
  });
  return { secret, uri: totpUri(secret, subject.email) };
}
