import { eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { requireSession } from '@/lib/auth/require-session';
import { recordAudit } from '@/lib/audit';

/** A member removes their mobile: no more texts to it, and any code waiting is void. */
export async function removeMobile(actor: Actor): Promise<{ mobile: null; verified: false }> {
  requireSession(actor);
  await getDb().transaction(async (tx) => {
    const [before] = await tx.select({ mobile: schema.users.mobile }).from(schema.users).where(eq(schema.users.id, actor.id));
    await tx.delete(schema.mobileVerifications).where(eq(schema.mobileVerifications.userId, actor.id));
    await tx.update(schema.users).set({ mobile: null, mobileVerified: false }).where(eq(schema.users.id, actor.id));
    if (before?.mobile) await recordAudit(tx, { actorId: actor.id, action: 'mobile.removed', subjectType: 'user', subjectId: actor.id, ip: actor.ip });
  });
  return { mobile: null, verified: false };
}
