import { eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { Conflict } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import type { Actor } from './actor';
import { confirmCurrentPassword } from './confirm-password';
import { passwordInput } from './disable-mfa';
import { requireSession } from './require-session';
import { replaceRecoveryCodes } from './recovery-codes';

/** A fresh set of ten recovery codes (needs the password); the old ones stop working. Shown once. */
export async function regenerateRecoveryCodes(actor: Actor, raw: unknown): Promise<{ recoveryCodes: string[] }> {
  const subject = requireSession(actor);
  const { password } = parseInput(passwordInput, raw);
  await confirmCurrentPassword(subject.id, password);
  return getDb().transaction(async (tx) => {
    const [user] = await tx.select({ totpEnabledAt: schema.users.totpEnabledAt }).from(schema.users).where(eq(schema.users.id, subject.id)).for('update');
    if (!user?.totpEnabledAt) throw Conflict('Turn on two-step verification first.');
    const recoveryCodes = await replaceRecoveryCodes(tx, subject.id);
    await recordAudit(tx, { actorId: subject.id, action: 'user.recovery_codes_regenerated', subjectType: 'user', subjectId: subject.id, ip: subject.ip });
    return { recoveryCodes };
  });
}
