import { count, eq, and, isNull } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from './actor';
import { mfaRequiredFor } from './mfa-required';
import { requireSession } from './require-session';
import { openTotpSecret, totpQrSvg, totpUri } from './totp';
import { NotFound } from '@/lib/errors';

/** What the two-step verification page shows: on or off, set-up in progress (QR code and secret), codes left. */
export async function getMfaStatus(actor: Actor) {
  requireSession(actor);
  const [user] = await getDb()
    .select({ totpSecret: schema.users.totpSecret, totpEnabledAt: schema.users.totpEnabledAt, email: schema.users.email, role: schema.users.role })
    .from(schema.users)
    .where(eq(schema.users.id, actor.id))
    .limit(1);
  if (!user) throw NotFound();
  const enabled = Boolean(user.totpEnabledAt);
  let pending: { secret: string; uri: string; qrSvg: string } | null = null;
  if (!enabled && user.totpSecret) {
    const secret = openTotpSecret(user.totpSecret);
    const uri = totpUri(secret, user.email);
    pending = { secret, uri, qrSvg: await totpQrSvg(uri) };
  }
  let recoveryCodesLeft = 0;
  if (enabled) {
    const [{ n }] = await getDb()
      .select({ n: count() })
      .from(schema.recoveryCodes)
      .where(and(eq(schema.recoveryCodes.userId, actor.id), isNull(schema.recoveryCodes.usedAt)));
    recoveryCodesLeft = n;
  }
  return { enabled, enabledAt: user.totpEnabledAt, required: mfaRequiredFor(user.role), pending, recoveryCodesLeft };
}
