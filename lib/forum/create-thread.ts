import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Conflict } from '@/lib/errors';
import { renderMarkdown } from '@/lib/markdown';
import { emitThreadCreated } from '@/lib/realtime/emit';
import { parseInput, postBody } from '@/lib/validation';
import { getChannelBySlug } from './channels';

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
  const result = await getDb().transaction(async (tx) => {
    const [thread] = await tx
      .insert(schema.threads)
      .values({ channelId: channel.id, authorId: actor.id, title: input.title, postCount: 1, lastPosterId: actor.id })
      .returning({ id: schema.threads.id });
    const [post] = await tx
      .insert(schema.posts)
      .values({ threadId: thread.id, authorId: actor.id, bodyMarkdown: input.body, bodyHtml })
      .returning({ id: schema.posts.id });
    return { id: thread.id, postId: post.id };
  });
  emitThreadCreated(channel.id, result.id);
  return result;
}
