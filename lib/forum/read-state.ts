import { eq, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { NotFound } from '@/lib/errors';
import { mayReadChannels } from '@/lib/policy';
import { emitNotificationsChanged } from '@/lib/realtime/emit';
import { uuidParam } from '@/lib/validation';

/**
 * Records that the reader has seen the thread as it is now; only moves forward. Reading a thread tracks it (its
 * new replies are counted for the reader) unless they chose a level for it, or its channel has one.
 */
export async function markThreadRead(actor: Actor, threadId: string) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(threadId).success) throw NotFound();
  const db = getDb();
  const [thread] = await db
    .select({ postCount: schema.threads.postCount, channelId: schema.threads.channelId })
    .from(schema.threads)
    .where(eq(schema.threads.id, threadId))
    .limit(1);
  if (!thread) throw NotFound();
  await db.execute(sql`
    insert into ${schema.watches} (user_id, target_type, target_id, level)
    select ${actor.id}::uuid, 'thread', ${threadId}::uuid, 'tracking'
    where not exists (
      select 1 from ${schema.watches} c
      where c.user_id = ${actor.id}::uuid and c.target_type = 'channel' and c.target_id = ${thread.channelId}::uuid and c.level <> 'normal'
    )
    on conflict do nothing`);
  await db
    .insert(schema.threadReads)
    .values({ userId: actor.id, threadId, readPostCount: thread.postCount })
    .onConflictDoUpdate({
      target: [schema.threadReads.userId, schema.threadReads.threadId],
      set: { readPostCount: sql`greatest(${schema.threadReads.readPostCount}, excluded.read_post_count)`, readAt: new Date() },
    });
  const cleared = await db
    .update(schema.notifications)
    .set({ readAt: new Date() })
    .where(sql`${schema.notifications.userId} = ${actor.id} and ${schema.notifications.threadId} = ${threadId} and ${schema.notifications.readAt} is null`)
    .returning({ id: schema.notifications.id });
  // The person's other tabs (and this one's header badge) refetch their unread count.
  if (cleared.length) emitNotificationsChanged([actor.id]);
  return { threadId, readPostCount: thread.postCount };
}
