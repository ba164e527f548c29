import { eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { MAX_CODE_TRIES } from './mobile-verification-code';

export type MobileStatus = {
  /** The member's own number (E.164), shown only to them. */
  mobile: string | null;
  verified: boolean;
  /** A code is out and can still be typed. */
  pending: { mobile: string; expiresAt: string; triesLeft: number } | null;
};

/** The signed-in member's mobile and any code waiting to be typed. */
export async function getMobileStatus(actor: Actor): Promise<MobileStatus> {
  const db = getDb();
  const [user] = await db
    .select({ mobile: schema.users.mobile, verified: schema.users.mobileVerified })
    .from(schema.users)
    .where(eq(schema.users.id, actor.id));
  const [check] = await db.select().from(schema.mobileVerifications).where(eq(schema.mobileVerifications.userId, actor.id));
  const live = check && check.expiresAt > new Date() && check.attempts < MAX_CODE_TRIES;
  return {
    mobile: user?.mobile ?? null,
    verified: Boolean(user?.mobile && user.verified),
    pending: live ? { mobile: check.phone, expiresAt: check.expiresAt.toISOString(), triesLeft: MAX_CODE_TRIES - check.attempts } : null,
  };
}
