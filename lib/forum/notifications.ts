import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { emitNotificationsChanged } from '@/lib/realtime/emit';
import { parseInput } from '@/lib/validation';
import { cursorTimestamp, decodeCursor, encodeCursor, exactTimestamp } from './keyset-cursor';
import { onShownPost, unreadNotificationsOf } from './unread-notifications';

/** `before`: the previous page's `nextCursor` (newest first, keyed on created_at then id). */
const cursorShape = z.object({ t: cursorTimestamp, i: z.uuid() });

/**
 * Where a page starts: a `nextCursor`, or (as API clients sent before cursors) a plain ISO date-time, meaning
 * everything older than it.
 */
function beforePosition(raw: string) {
  if (cursorTimestamp.safeParse(raw).success) return { t: raw, i: '00000000-0000-0000-0000-000000000000' };
  return decodeCursor(cursorShape, raw, 'before');
}

/**
 * The notification centre. Rows only point at public threads and posts; titles are read through the
 * same query, so a notification can never show anything its reader could not open. Notifications
 * about a post a moderator hid, or that was deleted, drop out of the list and the unread count (`onShownPost`).
 * Keyset pages: `before` is the previous page's `nextCursor`; one that is not is refused (400, field `before`).
 */
export async function listNotifications(actor: Actor, opts: { before?: string; limit?: number } = {}) {
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 30), 1), 100);
  const before = opts.before ? beforePosition(opts.before) : null;
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
      cursorAt: exactTimestamp(schema.notifications.createdAt),
    })
    .from(schema.notifications)
    .innerJoin(schema.threads, eq(schema.threads.id, schema.notifications.threadId))
    .innerJoin(schema.users, eq(schema.users.id, schema.notifications.actorId))
    .innerJoin(schema.posts, onShownPost)
    .where(
      and(
        eq(schema.notifications.userId, actor.id),
        before
          ? sql`(${schema.notifications.createdAt}, ${schema.notifications.id}) < (${before.t}::timestamptz, ${before.i}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(schema.notifications.createdAt), desc(schema.notifications.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    notifications: page.map(({ cursorAt: _, ...n }) => n),
    unread: await unreadNotificationCount(actor),
    nextCursor: rows.length > limit && last ? encodeCursor({ t: last.cursorAt, i: last.id }) : null,
  };
}

export async function unreadNotificationCount(actor: Actor): Promise<number> {
  const [{ n }] = await unreadNotificationsOf(getDb(), actor.id);
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
