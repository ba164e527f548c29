import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Conflict, Forbidden, NotFound } from '@/lib/errors';
import { mayModerate, mayModerateUser } from '@/lib/policy';
import { uuidParam } from '@/lib/validation';

const MAX_DAYS = 5 * 366;

/** An end date: `2026-12-31` (the start of that day, UTC) or a full ISO date-time; in the future, within five years. */
export const endDate = z
  .string({ message: 'Enter an end date' })
  .trim()
  .min(1, { message: 'Enter an end date' })
  .transform((s, ctx) => {
    const ok = /^\d{4}-\d{2}-\d{2}$/.test(s) || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(s);
    const when = ok ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s) : new Date(NaN);
    if (Number.isNaN(when.getTime())) {
      ctx.addIssue({ code: 'custom', message: 'Enter a real date, like 2026-12-31' });
      return z.NEVER;
    }
    if (when.getTime() <= Date.now()) {
      ctx.addIssue({ code: 'custom', message: 'The end date must be in the future' });
      return z.NEVER;
    }
    if (when.getTime() > Date.now() + MAX_DAYS * 86_400_000) {
      ctx.addIssue({ code: 'custom', message: 'The end date must be within five years' });
      return z.NEVER;
    }
    return when;
  });

export const sanctionReason = z
  .string({ message: 'Give a reason' })
  .trim()
  .min(3, { message: 'Give a reason' })
  .max(1000, { message: 'Reason must be 1,000 characters or fewer' });

export const liftInput = z.object({ reason: z.string().trim().max(1000, { message: 'Reason must be 1,000 characters or fewer' }).default('') });

/** The person a moderator acts on, locked for update; refuses acting on oneself or (for moderators) on an admin. */
export async function lockTargetUser(tx: Tx, actor: Actor, userId: string) {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can do that.');
  if (!uuidParam.safeParse(userId).success) throw NotFound();
  const [target] = await tx.select().from(schema.users).where(eq(schema.users.id, userId)).for('update').limit(1);
  if (!target) throw NotFound();
  if (target.id === actor.id) throw Forbidden('You cannot act on your own account.');
  if (!mayModerateUser(actor, target)) throw Forbidden('Moderators cannot act on admins.');
  if (target.status === 'closed') throw Conflict('This account is closed.');
  return target;
}
