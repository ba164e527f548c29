import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { schema, type Tx } from '@/db/client';

/**
 * Who hears about a new public post, strongest reason first: people @mentioned, the author of the post
 * replied to (or the thread's starter), then people watching the thread or its channel (unless they
 * muted the thread). One notification per person per post; never the author themself.
 * Public forum only: incident-room posts never create notifications here.
 */
export async function notifyReaders(
  tx: Tx,
  post: { id: string; threadId: string; channelId: string; authorId: string; mentionedUserIds: string[]; replyToAuthorId: string | null },
): Promise<string[]> {
  const byUser = new Map<string, 'mention' | 'reply' | 'watching'>();
  for (const id of post.mentionedUserIds) byUser.set(id, 'mention');
  if (post.replyToAuthorId && !byUser.has(post.replyToAuthorId)) byUser.set(post.replyToAuthorId, 'reply');
  for (const id of await watchersOf(tx, post.threadId, post.channelId)) if (!byUser.has(id)) byUser.set(id, 'watching');
  byUser.delete(post.authorId);
  if (byUser.size === 0) return [];
  const active = await tx
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(and(inArray(schema.users.id, [...byUser.keys()]), eq(schema.users.status, 'active')));
  const rows = active.map(({ id }) => ({
    userId: id,
    kind: byUser.get(id)!,
    threadId: post.threadId,
    postId: post.id,
    actorId: post.authorId,
  }));
  if (rows.length) await tx.insert(schema.notifications).values(rows).onConflictDoNothing();
  return rows.map((r) => r.userId);
}

async function watchersOf(tx: Tx, threadId: string, channelId: string): Promise<string[]> {
  const rows = await tx.execute<{ user_id: string }>(sql`
    select w.user_id from ${schema.watches} w
    where w.level = 'watching'
      and ((w.target_type = 'thread' and w.target_id = ${threadId})
        or (w.target_type = 'channel' and w.target_id = ${channelId}
            and not exists (select 1 from ${schema.watches} m where m.user_id = w.user_id
                            and m.target_type = 'thread' and m.target_id = ${threadId} and m.level <> 'watching')))`);
  return rows.map((r) => r.user_id);
}

/** The author follows what they start, and tracks what they reply to, unless they chose otherwise. */
export async function autoWatch(tx: Tx, userId: string, threadId: string, level: 'watching' | 'tracking') {
  await tx
    .insert(schema.watches)
    .values({ userId, targetType: 'thread', targetId: threadId, level })
    .onConflictDoNothing();
}

export async function mentionedUserIds(tx: Tx, plainText: string, authorId: string): Promise<string[]> {
  const names = [...new Set([...plainText.matchAll(/(?:^|[^\w@.])@([a-z0-9][a-z0-9._-]{1,29})/gi)].map((m) => m[1].toLowerCase().replace(/[._-]+$/, '')))];
  if (names.length === 0) return [];
  const rows = await tx
    .select({ id: schema.users.id })
    .from(schema.users)
    .where(and(inArray(schema.users.username, names.slice(0, 20)), ne(schema.users.id, authorId)));
  return rows.map((r) => r.id);
}
