import { and, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { emitNotificationsChanged } from '@/lib/realtime/emit';
import { parseInput } from '@/lib/validation';

/**
 * The notification centre. Rows only point at public threads and posts; titles are read through the
 * same query, so a notification can never show anything its reader could not open. Notifications
 * about a post a moderator hid drop out of the list and the unread count (and come back if restored).
 */
export async function listNotifications(actor: Actor, opts: { before?: string; limit?: number } = {}) {
  const limit = Math.min(Math.max(opts.limit ?? 30, 1), 100);
  const before = opts.before && !Number.isNaN(Date.parse(opts.before)) ? new Date(opts.before) : undefined;
  const rows = await getDb()
    .select({
      id: schema.notifications.id,
      kind: schema.notifications.kind,
      threadId: schema.notifications.threadId,
      postId: schema.notifications.postId,
      createdAt: schema.notifications.createdAt,
      readAt: schema.notifications.readAt,
      threadTitle: schema.threads.title,
      actorName: schema.users.name,
    })
    .from(schema.notifications)
    .innerJoin(schema.threads, eq(schema.threads.id, schema.notifications.threadId))
    .innerJoin(schema.users, eq(schema.users.id, schema.notifications.actorId))
    .innerJoin(schema.posts, and(eq(schema.posts.id, schema.notifications.postId), isNull(schema.posts.hiddenAt)))
    .where(and(eq(schema.notifications.userId, actor.id), before ? lt(schema.notifications.createdAt, before) : undefined))
    .orderBy(desc(schema.notifications.createdAt))
    .limit(limit);
  return { notifications: rows, unread: await unreadNotificationCount(actor) };
}

export async function unreadNotificationCount(actor: Actor): Promise<number> {
  const [{ n }] = await getDb()
    .select({ n: count() })
    .from(schema.notifications)
    .innerJoin(schema.posts, and(eq(schema.posts.id, schema.notifications.postId), isNull(schema.posts.hiddenAt)))
    .where(and(eq(schema.notifications.userId, actor.id), isNull(schema.notifications.readAt)));
  return n;
}

export const markReadInput = z.union([z.object({ all: z.literal(true) }), z.object({ ids: z.array(z.uuid()).min(1).max(200) })]);

export async function markNotificationsRead(actor: Actor, raw: unknown) {
  const input = parseInput(markReadInput, raw);
  await getDb()
    .update(schema.notifications)
    .set({ readAt: new Date() })
    .where(
      and(
        eq(schema.notifications.userId, actor.id),
        isNull(schema.notifications.readAt),
        'ids' in input ? inArray(schema.notifications.id, input.ids) : undefined,
      ),
    );
  emitNotificationsChanged([actor.id]);
  return { unread: await unreadNotificationCount(actor) };
}
