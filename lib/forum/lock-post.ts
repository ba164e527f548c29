import { eq } from 'drizzle-orm';
import { schema, type Tx } from '@/db/client';
import { NotFound } from '@/lib/errors';
import { uuidParam } from '@/lib/validation';

/**
 * A public post with its thread and its channel's archive date, locked for update (the post's row only);
 * NotFound for anything else.
 */
export async function lockPublicPost(tx: Tx, postId: string) {
  if (!uuidParam.safeParse(postId).success) throw NotFound();
  const [row] = await tx
    .select({ post: schema.posts, thread: schema.threads, channel: { archivedAt: schema.channels.archivedAt } })
    .from(schema.posts)
    .innerJoin(schema.threads, eq(schema.threads.id, schema.posts.threadId))
    .innerJoin(schema.channels, eq(schema.channels.id, schema.threads.channelId))
    .where(eq(schema.posts.id, postId))
    .for('update', { of: schema.posts })
    .limit(1);
  if (!row) throw NotFound();
  return row;
}
