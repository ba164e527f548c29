import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Forbidden, NotFound } from '@/lib/errors';
import { recordStaffAction } from '@/lib/moderation/staff-log';
import { isStaff } from '@/lib/policy';
import { emitThreadUpdated } from '@/lib/realtime/emit';
import { parseInput, uuidParam } from '@/lib/validation';

export const threadFlagsInput = z
  .object({ pinned: z.boolean().optional(), locked: z.boolean().optional() })
  .refine((v) => v.pinned !== undefined || v.locked !== undefined, { message: 'Say whether to pin or lock' });

/** Moderators pin threads to the top of their channel and lock them against replies. */
export async function setThreadFlags(actor: Actor, threadId: string, raw: unknown) {
  if (!isStaff(actor)) throw Forbidden('Only moderators can pin or lock threads.');
  if (!uuidParam.safeParse(threadId).success) throw NotFound();
  const input = parseInput(threadFlagsInput, raw);
  const thread = await getDb().transaction(async (tx) => {
    const [updated] = await tx.update(schema.threads).set(input).where(eq(schema.threads.id, threadId)).returning();
    if (!updated) throw NotFound();
    await recordAudit(tx, { actorId: actor.id, action: 'thread.flags', subjectType: 'thread', subjectId: threadId, ip: actor.ip, detail: input });
    const actions = [
      input.pinned === undefined ? null : input.pinned ? 'thread.pin' : 'thread.unpin',
      input.locked === undefined ? null : input.locked ? 'thread.lock' : 'thread.unlock',
    ].filter((a): a is string => a !== null);
    for (const action of actions) {
      await recordStaffAction(tx, { actorId: actor.id, action, targetType: 'thread', targetId: threadId, targetUserId: updated.authorId, detail: { title: updated.title } });
    }
    return updated;
  });
  emitThreadUpdated(thread.channelId, thread.id);
  return { id: thread.id, pinned: thread.pinned, locked: thread.locked };
}
