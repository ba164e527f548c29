import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { lockPublicPost } from '@/lib/forum/lock-post';
import { Conflict, Forbidden } from '@/lib/errors';
import { mayModerate } from '@/lib/policy';
import { announceNotificationsOf } from '@/lib/forum/unread-notifications';
import { emitPostUpdated } from '@/lib/realtime/emit';
import { parseInput } from '@/lib/validation';
import { recordStaffAction } from './staff-log';

export const moderationReason = z
  .string({ message: 'Give a reason' })
  .trim()
  .min(3, { message: 'Give a reason' })
  .max(1000, { message: 'Reason must be 1,000 characters or fewer' });

export const hidePostInput = z.object({ reason: moderationReason });
export const restorePostInput = z.object({ reason: z.string().trim().max(1000, { message: 'Reason must be 1,000 characters or fewer' }).default('') });

/** Hides a post inside the caller's transaction: readers see "hidden by a moderator"; staff still see it. */
export async function hidePostInTx(tx: Tx, actor: Actor, postId: string, reason: string) {
  const {
    post,
    thread: { channelId },
  } = await lockPublicPost(tx, postId);
  if (post.deletedAt) throw Conflict('This post has been deleted.');
  if (post.hiddenAt) throw Conflict('This post is already hidden.');
  await tx
    .update(schema.posts)
    .set({ hiddenAt: new Date(), hiddenById: actor.id, hiddenReason: reason })
    .where(and(eq(schema.posts.id, postId), isNull(schema.posts.hiddenAt)));
  await recordAudit(tx, { actorId: actor.id, action: 'post.hide', subjectType: 'post', subjectId: postId, ip: actor.ip, detail: { threadId: post.threadId } });
  await recordStaffAction(tx, { actorId: actor.id, action: 'post.hide', targetType: 'post', targetId: postId, targetUserId: post.authorId, reason, detail: { threadId: post.threadId } });
  return { threadId: post.threadId, channelId };
}

export async function hidePost(actor: Actor, postId: string, raw: unknown) {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can hide posts.');
  const { reason } = parseInput(hidePostInput, raw);
  const where = await getDb().transaction((tx) => hidePostInTx(tx, actor, postId, reason));
  emitPostUpdated(where.channelId, where.threadId, postId);
  await announceNotificationsOf(postId);
  return { id: postId, hidden: true };
}

/** A moderator shows a hidden post again; its notifications and search entry come back with it. */
export async function restorePost(actor: Actor, postId: string, raw: unknown = {}) {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can restore posts.');
  const { reason } = parseInput(restorePostInput, raw ?? {});
  const where = await getDb().transaction(async (tx) => {
    const {
    post,
    thread: { channelId },
  } = await lockPublicPost(tx, postId);
    if (post.deletedAt) throw Conflict('This post has been deleted.');
    if (!post.hiddenAt) throw Conflict('This post is not hidden.');
    await tx
      .update(schema.posts)
      .set({ hiddenAt: null, hiddenById: null, hiddenReason: null })
      .where(and(eq(schema.posts.id, postId), isNotNull(schema.posts.hiddenAt)));
    await recordAudit(tx, { actorId: actor.id, action: 'post.restore', subjectType: 'post', subjectId: postId, ip: actor.ip, detail: { threadId: post.threadId } });
    await recordStaffAction(tx, { actorId: actor.id, action: 'post.restore', targetType: 'post', targetId: postId, targetUserId: post.authorId, reason, detail: { threadId: post.threadId } });
    return { threadId: post.threadId, channelId };
  });
  emitPostUpdated(where.channelId, where.threadId, postId);
  await announceNotificationsOf(postId);
  return { id: postId, hidden: false };
}
