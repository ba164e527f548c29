import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Conflict } from '@/lib/errors';
import { assertMayWrite } from '@/lib/policy';
import { markdownToPlainText, renderMarkdown } from '@/lib/markdown';
import { emitNotificationsChanged, emitThreadCreated } from '@/lib/realtime/emit';
import { parseInput, postBody } from '@/lib/validation';
import { getChannelBySlug } from './channels';
import { autoWatch, mentionedUserIds, notifyReaders } from './notify-readers';

export const createThreadInput = z.object({
  title: z
    .string({ message: 'Enter a title' })
    .trim()
    .min(1, { message: 'Enter a title' })
    .max(200, { message: 'Title must be 200 characters or fewer' }),
  body: postBody,
});

export async function createThread(actor: Actor, slug: string, raw: unknown) {
  const input = parseInput(createThreadInput, raw);
  const channel = await getChannelBySlug(actor, slug);
  if (channel.archivedAt) throw Conflict('This channel is archived and takes no new threads.');
  const bodyHtml = renderMarkdown(input.body);
  const bodyText = markdownToPlainText(input.body);
  const result = await getDb().transaction(async (tx) => {
    await assertMayWrite(tx, actor);
    const [thread] = await tx
      .insert(schema.threads)
      .values({ channelId: channel.id, authorId: actor.id, title: input.title, postCount: 1, lastPosterId: actor.id })
      .returning({ id: schema.threads.id });
    const [post] = await tx
      .insert(schema.posts)
      .values({ threadId: thread.id, authorId: actor.id, bodyMarkdown: input.body, bodyHtml, bodyText })
      .returning({ id: schema.posts.id });
    await autoWatch(tx, actor.id, thread.id, 'watching');
    const notified = await notifyReaders(tx, {
      id: post.id,
      threadId: thread.id,
      channelId: channel.id,
      authorId: actor.id,
      mentionedUserIds: await mentionedUserIds(tx, bodyText, actor.id),
      replyToAuthorId: null,
    });
    return { id: thread.id, postId: post.id, notified };
  });
  emitThreadCreated(channel.id, result.id);
  emitNotificationsChanged(result.notified);
  return { id: result.id, postId: result.postId };
}
