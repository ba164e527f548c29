import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden } from '@/lib/errors';
import { tombstonePost } from '@/lib/forum/edit-post';
import { mayModerate } from '@/lib/policy';
import { announceNotificationsOf } from '@/lib/forum/unread-notifications';
import { emitPostDeleted, emitPostUpdated } from '@/lib/realtime/emit';
import { parseInput } from '@/lib/validation';
import { lockPublicPost } from '@/lib/forum/lock-post';
import { hidePostInTx, moderationReason } from './hide-post';
import { recordStaffAction } from './staff-log';

export const REVIEW_ACTIONS = ['hide', 'delete', 'dismiss'] as const;

export const resolveReportsInput = z.object({
  action: z.enum(REVIEW_ACTIONS, { message: 'Choose hide, delete or dismiss' }),
  reason: moderationReason,
});

/**
 * A moderator acts on a reported post — hides it, deletes it, or dismisses the reports — and every open
 * report of that post is resolved with the same resolution, in one transaction.
 */
export async function resolveReports(actor: Actor, postId: string, raw: unknown) {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can review reports.');
  const input = parseInput(resolveReportsInput, raw);
  const result = await getDb().transaction(async (tx) => {
    const {
      post,
      thread: { channelId },
    } = await lockPublicPost(tx, postId);
    const open = await tx
      .select({ id: schema.postReports.id })
      .from(schema.postReports)
      .where(and(eq(schema.postReports.postId, postId), eq(schema.postReports.status, 'open')))
      .for('update');
    if (open.length === 0) throw Conflict('This post has no open reports.');
    if (input.action === 'hide' && !post.hiddenAt) await hidePostInTx(tx, actor, postId, input.reason);
    if (input.action === 'delete') await tombstonePost(tx, actor, postId, input.reason);
    const status = input.action === 'dismiss' ? 'dismissed' : 'actioned';
    const resolution = `${{ hide: 'Post hidden', delete: 'Post deleted', dismiss: 'Dismissed' }[input.action]}: ${input.reason}`;
    await tx
      .update(schema.postReports)
      .set({ status, resolvedById: actor.id, resolvedAt: sql`now()`, resolution })
      .where(and(eq(schema.postReports.postId, postId), eq(schema.postReports.status, 'open')));
    await recordAudit(tx, { actorId: actor.id, action: 'report.resolve', subjectType: 'post', subjectId: postId, ip: actor.ip, detail: { action: input.action, reports: open.length } });
    await recordStaffAction(tx, {
      actorId: actor.id,
      action: `report.${input.action}`,
      targetType: 'post',
      targetId: postId,
      targetUserId: post.authorId,
      reason: input.reason,
      detail: { reports: open.length, threadId: post.threadId },
    });
    return { threadId: post.threadId, channelId, resolved: open.length, status };
  });
  if (input.action === 'delete') emitPostDeleted(result.channelId, result.threadId, postId);
  else if (input.action === 'hide') emitPostUpdated(result.channelId, result.threadId, postId);
  if (input.action !== 'dismiss') await announceNotificationsOf(postId);
  return { postId, action: input.action, status: result.status, resolved: result.resolved };
}
