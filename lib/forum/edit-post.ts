import { and, asc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden, NotFound } from '@/lib/errors';
import { markdownText, renderMarkdown } from '@/lib/markdown';
import { lockPublicPost } from './lock-post';
import { notifyMentionsAddedByEdit } from './notify-readers';
import { announceNotificationsOf } from './unread-notifications';
import { recordStaffAction } from '@/lib/moderation/staff-log';
import { REDACTED_REVISION_HTML } from '@/lib/moderation/redact-revision';
import { assertMayWrite, isStaff, mayPostInThread, mayReadChannels, maySeeHiddenPosts } from '@/lib/policy';
import { noWritesMessage } from './no-writes-message';
import { emitNotificationsChanged, emitPostDeleted, emitPostUpdated } from '@/lib/realtime/emit';
import { parseInput, postBody, uuidParam } from '@/lib/validation';

export const editPostInput = z.object({ body: postBody });

/** A public post with its thread, locked for update; NotFound for anything else (and for those who cannot read channels). */
async function lockPost(tx: Tx, actor: Actor, postId: string) {
  if (!mayReadChannels(actor)) throw NotFound();
  return lockPublicPost(tx, postId);
}

/**
 * The author edits their post; the previous text is kept as a revision anyone who can read it may view.
 * People the edit newly @mentions are notified.
 */
export async function editPost(actor: Actor, postId: string, raw: unknown) {
  const input = parseInput(editPostInput, raw);
  const bodyHtml = renderMarkdown(input.body);
  const { text: bodyText, prose } = markdownText(input.body);
  const result = await getDb().transaction(async (tx) => {
    await assertMayWrite(tx, actor);
    const { post, thread, channel } = await lockPost(tx, actor, postId);
    if (post.authorId !== actor.id) throw Forbidden('Only the author can edit a post.');
    if (post.deletedAt) throw Conflict('This post has been deleted.');
    if (post.hiddenAt) throw Conflict('A moderator has hidden this post, so it cannot be edited.');
    if (!mayPostInThread(actor, thread, channel)) throw Conflict(noWritesMessage(thread, channel));
    if (post.bodyMarkdown === input.body) return { thread, revision: post.revision, changed: false, notified: [] };
    await tx.insert(schema.postRevisions).values({
      postId,
      revision: post.revision,
      bodyMarkdown: post.bodyMarkdown,
      bodyHtml: post.bodyHtml,
      editedById: actor.id,
    });
    await tx
      .update(schema.posts)
      .set({ bodyMarkdown: input.body, bodyHtml, bodyText, revision: post.revision + 1, editedAt: new Date() })
      .where(eq(schema.posts.id, postId));
    const notified = await notifyMentionsAddedByEdit(tx, { postId, threadId: thread.id, authorId: actor.id, earlierProse: markdownText(post.bodyMarkdown).prose, prose });
    return { thread, revision: post.revision + 1, changed: true, notified };
  });
  if (result.changed) emitPostUpdated(result.thread.channelId, result.thread.id, postId);
  emitNotificationsChanged(result.notified);
  return { id: postId, revision: result.revision };
}

/**
 * Author or moderator, inside the caller's transaction: the post becomes a tombstone ("deleted"); its
 * text stays for the audit trail only. A moderator's deletion goes in the audit trail and the staff log.
 */
export async function tombstonePost(tx: Tx, actor: Actor, postId: string, reason = '') {
  const { post, thread } = await lockPost(tx, actor, postId);
  const byStaff = post.authorId !== actor.id;
  if (byStaff && !isStaff(actor)) throw Forbidden('Only the author or a moderator can delete a post.');
  if (post.deletedAt) return { thread, changed: false };
  await tx
    .update(schema.posts)
    .set({ deletedAt: new Date(), deletedById: actor.id })
    .where(and(eq(schema.posts.id, postId), isNull(schema.posts.deletedAt)));
  if (byStaff) {
    await recordAudit(tx, { actorId: actor.id, action: 'post.delete', subjectType: 'post', subjectId: postId, ip: actor.ip, detail: { threadId: thread.id } });
    await recordStaffAction(tx, { actorId: actor.id, action: 'post.delete', targetType: 'post', targetId: postId, targetUserId: post.authorId, reason, detail: { threadId: thread.id } });
  }
  return { thread, changed: true };
}

export async function deletePost(actor: Actor, postId: string) {
  const result = await getDb().transaction((tx) => tombstonePost(tx, actor, postId));
  if (result.changed) {
    emitPostDeleted(result.thread.channelId, result.thread.id, postId);
    await announceNotificationsOf(postId);
  }
  return { id: postId, deleted: true };
}

/**
 * Every version of a post, oldest first, ending with the current one. Deleted posts show none.
 * A version a moderator removed (lib/moderation/redact-revision.ts) keeps its number and dates, but its text is
 * "Removed by a moderator" for everyone except staff (the hidden-post rule), who also get the reason.
 */
export async function listPostRevisions(actor: Actor, postId: string) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(postId).success) throw NotFound();
  const db = getDb();
  const [post] = await db.select().from(schema.posts).where(eq(schema.posts.id, postId)).limit(1);
  if (!post || post.deletedAt || (post.hiddenAt && !maySeeHiddenPosts(actor))) throw NotFound();
  const seesRedacted = maySeeHiddenPosts(actor);
  const earlier = await db
    .select({
      revision: schema.postRevisions.revision,
      bodyHtml: schema.postRevisions.bodyHtml,
      createdAt: schema.postRevisions.createdAt,
      redactedAt: schema.postRevisions.redactedAt,
      redactedReason: schema.postRevisions.redactedReason,
    })
    .from(schema.postRevisions)
    .where(eq(schema.postRevisions.postId, postId))
    .orderBy(asc(schema.postRevisions.revision));
  type Redaction = { at: Date; reason: string | null } | null;
  return {
    postId,
    threadId: post.threadId,
    revisions: [
      ...earlier.map((r, i) => ({
        revision: r.revision,
        bodyHtml: r.redactedAt && !seesRedacted ? REDACTED_REVISION_HTML : r.bodyHtml,
        redacted: (r.redactedAt ? { at: r.redactedAt, reason: seesRedacted ? r.redactedReason : null } : null) as Redaction,
        until: r.createdAt as Date | null,
        from: i === 0 ? post.createdAt : earlier[i - 1].createdAt,
      })),
      { revision: post.revision, bodyHtml: post.bodyHtml, redacted: null as Redaction, from: post.editedAt ?? post.createdAt, until: null },
    ],
  };
}
