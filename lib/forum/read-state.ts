import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { NotFound } from '@/lib/errors';
import { mayReadChannels } from '@/lib/policy';
import { emitNotificationsChanged } from '@/lib/realtime/emit';
import { parseInput, uuidParam } from '@/lib/validation';

const seenMessage = 'seen must be a whole number of posts, 1 or more';

/**
 * `seen`: how many posts from the start of the thread the reader has seen (seeing the 3rd post means 3).
 * Left out, the whole thread as it is now. Unknown keys are refused, so a misspelt `seen` is a 400 rather than
 * silently meaning "all of it".
 *
 * What a position counts: every post of the thread in the order the thread page shows them (created_at, id, as
 * `getThread` orders them), deleted and hidden ones included. Posts are never removed: a deleted post stays as a
 * "This post was deleted" tombstone and a hidden one as a placeholder (its body for staff), each its own
 * article on the page, and `threads.post_count` is bumped once per post created and never lowered. So the
 * page's Nth article, `post_count` and the server's Nth post by (created_at, id) are the same post.
 */
export const markThreadReadInput = z.strictObject({
  seen: z.number({ message: seenMessage }).int({ message: seenMessage }).min(1, { message: seenMessage }).optional(),
});

/**
 * Records how far the reader has read the thread: to the `seen`th post (clamped to the thread's posts), or with no
 * `seen` to its end as it is now. Only moves forward (a smaller `seen` changes nothing). Clears the reader's
 * notifications about the posts up to the position, not the ones further on. Reading a thread tracks it (its new
 * replies are counted for the reader), below any level they choose for it or its channel (`governingLevelSql`).
 */
export async function markThreadRead(actor: Actor, threadId: string, raw: unknown = {}) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(threadId).success) throw NotFound();
  const input = parseInput(markThreadReadInput, raw);
  const db = getDb();
  const [thread] = await db
    .select({ postCount: schema.threads.postCount })
    .from(schema.threads)
    .where(eq(schema.threads.id, threadId))
    .limit(1);
  if (!thread) throw NotFound();
  const seen = Math.min(input.seen ?? thread.postCount, thread.postCount);
  // Watchroom's own tracking (`automatic`): a level the reader chose for the thread or its channel wins over it.
  await db
    .insert(schema.watches)
    .values({ userId: actor.id, targetType: 'thread', targetId: threadId, level: 'tracking', automatic: true })
    .onConflictDoNothing();
  const [stored] = await db
    .insert(schema.threadReads)
    .values({ userId: actor.id, threadId, readPostCount: seen })
    .onConflictDoUpdate({
      target: [schema.threadReads.userId, schema.threadReads.threadId],
      set: { readPostCount: sql`greatest(${schema.threadReads.readPostCount}, excluded.read_post_count)`, readAt: new Date() },
    })
    .returning({ readPostCount: schema.threadReads.readPostCount });
  const readPostCount = stored.readPostCount;
  // Up to the stored position (which may be further than this report): the first `readPostCount` posts in page
  // order, found on posts_thread_created_idx (thread_id, created_at, id).
  const cleared = await db
    .update(schema.notifications)
    .set({ readAt: new Date() })
    .where(
      sql`${schema.notifications.userId} = ${actor.id} and ${schema.notifications.threadId} = ${threadId} and ${schema.notifications.readAt} is null
        and ${schema.notifications.postId} in (
          select p.id from ${schema.posts} p where p.thread_id = ${threadId}::uuid order by p.created_at, p.id limit ${readPostCount}
        )`,
    )
    .returning({ id: schema.notifications.id });
  // The person's other tabs (and this one's header badge) refetch their unread count.
  if (cleared.length) emitNotificationsChanged([actor.id]);
  return { threadId, readPostCount };
}
