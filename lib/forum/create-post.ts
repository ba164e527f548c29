import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Conflict, Invalid, NotFound } from '@/lib/errors';
import { markdownToPlainText, renderMarkdown } from '@/lib/markdown';
import { assertMayWrite, mayPostInThread, mayReadChannels } from '@/lib/policy';
import { emitNotificationsChanged, emitPostCreated } from '@/lib/realtime/emit';
import { parseInput, postBody, uuidParam } from '@/lib/validation';
import { autoWatch, mentionedUserIds, notifyReaders } from './notify-readers';

export const createPostInput = z.object({
  body: postBody,
  replyToPostId: z.uuid({ message: 'Not a valid post id' }).optional(),
});

export async function createPost(actor: Actor, threadId: string, raw: unknown) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(threadId).success) throw NotFound();
  const input = parseInput(createPostInput, raw);
  const bodyHtml = renderMarkdown(input.body);
  const bodyText = markdownToPlainText(input.body);
  const result = await getDb().transaction(async (tx) => {
    await assertMayWrite(tx, actor);
    // Lock the thread row so a concurrent lock/archive and this reply cannot interleave.
    const [row] = await tx
      .select({ thread: schema.threads, channel: schema.channels })
      .from(schema.threads)
      .innerJoin(schema.channels, eq(schema.channels.id, schema.threads.channelId))
      .where(eq(schema.threads.id, threadId))
      .for('update', { of: schema.threads })
      .limit(1);
    if (!row) throw NotFound();
    if (!mayPostInThread(actor, row.thread, row.channel)) throw Conflict('This thread is locked and takes no replies.');
    const replyToAuthorId = await replyTarget(tx, threadId, input.replyToPostId, row.thread.authorId);
    const [post] = await tx
      .insert(schema.posts)
      .values({ threadId, authorId: actor.id, bodyMarkdown: input.body, bodyHtml, bodyText })
      .returning({ id: schema.posts.id, createdAt: schema.posts.createdAt });
    await tx
      .update(schema.threads)
      .set({ postCount: sql`${schema.threads.postCount} + 1`, lastPostAt: post.createdAt, lastPosterId: actor.id })
      .where(eq(schema.threads.id, threadId));
    await autoWatch(tx, actor.id, threadId, 'tracking');
    const notified = await notifyReaders(tx, {
      id: post.id,
      threadId,
      channelId: row.channel.id,
      authorId: actor.id,
      mentionedUserIds: await mentionedUserIds(tx, bodyText, actor.id),
      replyToAuthorId,
    });
    return { id: post.id, channelId: row.channel.id, notified };
  });
  emitPostCreated(result.channelId, threadId, result.id);
  emitNotificationsChanged(result.notified);
  return { id: result.id };
}

/** The author of the post being replied to, which must be in this thread; else the thread's starter. */
async function replyTarget(tx: Tx, threadId: string, replyToPostId: string | undefined, starterId: string) {
  if (!replyToPostId) return starterId;
  const [target] = await tx
    .select({ authorId: schema.posts.authorId })
    .from(schema.posts)
    .where(and(eq(schema.posts.id, replyToPostId), eq(schema.posts.threadId, threadId)))
    .limit(1);
  if (!target) throw Invalid('The post you are replying to is not in this thread', { replyToPostId: ['Not a post in this thread'] });
  return target.authorId;
}
