import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden, Invalid, NotFound } from '@/lib/errors';
import { mayModerate } from '@/lib/policy';
import { emitThreadUpdated } from '@/lib/realtime/emit';
import { parseInput, uuidParam } from '@/lib/validation';
import { recordStaffAction } from './staff-log';

export const moveThreadInput = z.object({
  channel: z.string({ message: 'Choose a channel' }).trim().min(1, { message: 'Choose a channel' }).max(100, { message: 'Choose a channel' }),
  reason: z.string().trim().max(1000, { message: 'Reason must be 1,000 characters or fewer' }).default(''),
});

/**
 * A moderator moves a thread to another channel. Counts, unread markers and search follow by themselves
 * (they are read through the thread's channel), and both channels' open views refetch.
 */
export async function moveThread(actor: Actor, threadId: string, raw: unknown) {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can move threads.');
  if (!uuidParam.safeParse(threadId).success) throw NotFound();
  const input = parseInput(moveThreadInput, raw);
  const moved = await getDb().transaction(async (tx) => {
    const [thread] = await tx.select().from(schema.threads).where(eq(schema.threads.id, threadId)).for('update').limit(1);
    if (!thread) throw NotFound();
    const [target] = await tx.select().from(schema.channels).where(eq(schema.channels.slug, input.channel.toLowerCase())).limit(1);
    if (!target) throw Invalid('There is no channel with that name', { channel: ['Choose a channel that exists'] });
    if (target.archivedAt) throw Conflict('That channel is archived and takes no threads.');
    if (target.id === thread.channelId) throw Conflict('The thread is already in that channel.');
    await tx.update(schema.threads).set({ channelId: target.id }).where(eq(schema.threads.id, threadId));
    const detail = { fromChannelId: thread.channelId, toChannelId: target.id, title: thread.title };
    await recordAudit(tx, { actorId: actor.id, action: 'thread.move', subjectType: 'thread', subjectId: threadId, ip: actor.ip, detail });
    await recordStaffAction(tx, { actorId: actor.id, action: 'thread.move', targetType: 'thread', targetId: threadId, targetUserId: thread.authorId, reason: input.reason, detail });
    return { from: thread.channelId, to: target };
  });
  emitThreadUpdated(moved.from, threadId);
  emitThreadUpdated(moved.to.id, threadId);
  return { id: threadId, channel: { id: moved.to.id, slug: moved.to.slug, name: moved.to.name } };
}
