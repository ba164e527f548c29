import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Conflict, NotFound } from '@/lib/errors';
import { renderMarkdown } from '@/lib/markdown';
import { mayPostInThread, mayReadChannels } from '@/lib/policy';
import { emitPostCreated } from '@/lib/realtime/emit';
import { parseInput, postBody, uuidParam } from '@/lib/validation';

export const createPostInput = z.object({ body: postBody });

export async function createPost(actor: Actor, threadId: string, raw: unknown) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(threadId).success) throw NotFound();
  const input = parseInput(createPostInput, raw);
  const bodyHtml = renderMarkdown(input.body);
  const result = await getDb().transaction(async (tx) => {
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
    const [post] = await tx
      .insert(schema.posts)
      .values({ threadId, authorId: actor.id, bodyMarkdown: input.body, bodyHtml })
      .returning({ id: schema.posts.id, createdAt: schema.posts.createdAt });
    await tx
      .update(schema.threads)
      .set({ postCount: sql`${schema.threads.postCount} + 1`, lastPostAt: post.createdAt, lastPosterId: actor.id })
      .where(eq(schema.threads.id, threadId));
    return { id: post.id, channelId: row.channel.id };
  });
  emitPostCreated(result.channelId, threadId, result.id);
  return { id: result.id };
}
