import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { burnPasswordCheck, verifyPassword } from './password';
import { createSession, type SessionContext } from './sessions';
import { signInKeys, signInLimiter } from './sign-in-limits';

const credentials = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: z.string().min(1).max(1024),
});

export type SignedIn = { id: string; name: string; email: string; sessionVersion: number; sessionId: string };

/**
 * Checks email and password and opens a session row. The same answer (null) for an unknown email, a
 * wrong password and an account that is not active; after too many failures a 429 AppError whose
 * message is the same whether or not the account exists. A success resets the failure counts, marks
 * the person active (clearing a dormant-account warning) and is audited.
 */
export async function authenticate(raw: unknown, ctx: SessionContext = {}): Promise<SignedIn | null> {
  const parsed = credentials.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = signInKeys(email, ctx.ip);
  await signInLimiter.check(keys);
  const [user] = await getDb().select().from(schema.users).where(eq(schema.users.email, email)).limit(1);
  const ok = user ? await verifyPassword(password, user.passwordHash) : (await burnPasswordCheck(password), false);
  if (!user || !ok) {
    await signInLimiter.fail(keys);
    return null;
  }
  if (user.status !== 'active') return null;
  await signInLimiter.reset({ accountIp: keys.accountIp, account: keys.account });
  const sessionId = await getDb().transaction(async (tx) => {
    const id = await createSession(tx, user.id, ctx, false);
    await tx.update(schema.users).set({ lastActiveAt: sql`now()`, dormantWarnedAt: null }).where(eq(schema.users.id, user.id));
    await recordAudit(tx, {
      actorId: user.id,
      action: 'user.sign_in',
      subjectType: 'user',
      subjectId: user.id,
      ip: ctx.ip ?? null,
      detail: { sessionId: id, secondFactor: user.totpEnabledAt ? 'pending' : 'none' },
    });
    return id;
  });
  return { id: user.id, name: user.name, email: user.email, sessionVersion: user.sessionVersion, sessionId };
}
