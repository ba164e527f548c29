import { and, count, eq, isNull, type SQLWrapper } from 'drizzle-orm';
import { getDb, schema, type Db } from '@/db/client';
import { emitNotificationsChanged } from '@/lib/realtime/emit';

/**
 * A notification is shown, and counted, while its post is there to read: not hidden by a moderator (it comes
 * back if the post is restored) and not deleted. The one rule for the notification centre, its unread count
 * and the count in every page's header.
 */
export const onShownPost = and(eq(schema.posts.id, schema.notifications.postId), isNull(schema.posts.hiddenAt), isNull(schema.posts.deletedAt));

/** The number of a person's unread notifications, as a query (also usable as a correlated subquery). */
export function unreadNotificationsOf(db: Db, userId: SQLWrapper | string) {
  return db
    .select({ n: count() })
    .from(schema.notifications)
    .innerJoin(schema.posts, onShownPost)
    .where(and(eq(schema.notifications.userId, userId), isNull(schema.notifications.readAt)));
}

/**
 * A post was hidden, restored or deleted, so whether its notifications show changed: the people with an unread
 * one refetch their count. Call it after the change has committed.
 */
export async function announceNotificationsOf(postId: string) {
  const rows = await getDb()
    .select({ userId: schema.notifications.userId })
    .from(schema.notifications)
    .where(and(eq(schema.notifications.postId, postId), isNull(schema.notifications.readAt)));
  emitNotificationsChanged(rows.map((r) => r.userId));
}
