import { eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { Invalid, NotFound } from '@/lib/errors';
import { verifyPassword } from './password';
import { reauthLimiter } from './sign-in-limits';

/** Checks the signed-in person's current password before a sensitive change; wrong ones count against a budget. */
export async function confirmCurrentPassword(userId: string, password: string, field = 'password') {
  const keys = { user: userId };
  await reauthLimiter.check(keys);
  const [user] = await getDb().select({ passwordHash: schema.users.passwordHash }).from(schema.users).where(eq(schema.users.id, userId)).limit(1);
  if (!user) throw NotFound();
  if (!(await verifyPassword(password, user.passwordHash))) {
    await reauthLimiter.fail(keys);
    throw Invalid('Your current password is not right', { [field]: ['Enter your current password'] });
  }
  await reauthLimiter.reset(keys);
}
