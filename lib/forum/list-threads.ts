import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getChannelBySlug } from './channels';
import { governingLevelSql } from './watch-precedence';
import { cursorTimestamp, decodeCursor, encodeCursor, exactTimestamp } from './keyset-cursor';

const lastPoster = alias(schema.users, 'last_poster');

const cursorShape = z.object({ p: z.boolean(), t: cursorTimestamp, i: z.uuid() });

/** A thread never opened is marked new if it started in the last NEW_FOR_DAYS days and after the reader joined. */
export const NEW_FOR_DAYS = 14;

/**
 * The reader's marks on a thread, by the level that governs them (`governingLevelSql`):
 * - `unread` ("New"): never opened, and started recently and since they joined; never for a muted thread;
 * - `newPosts`: replies since they last read it, counted only for threads they watch or track. Opening a thread
 *   tracks it (see `markThreadRead`), so a thread governed by normal is one they set to normal themselves.
 */
function unreadState(level: string, recent: boolean, readPostCount: number | null, postCount: number) {
  const counted = level === 'watching' || level === 'tracking';
  return {
    unread: readPostCount === null && recent && level !== 'muted',
    newPosts: readPostCount !== null && counted ? Math.max(postCount - readPostCount, 0) : 0,
    firstUnread: firstUnreadPosition(readPostCount, postCount),
  };
}

/**
 * Where the reader left off: the position (1-based, in thread-page order, tombstones included; see
 * `markThreadReadInput`) of the first post they have not seen, for a thread they have read part of, whatever
 * its level; null for one never opened or read to the end. The channel list links it as `/threads/{id}?from=N`
 * and the thread page, which loads every post anyway, scrolls to and focuses its Nth post.
 *
 * A position rather than a post id, so the list query is unchanged: finding the Nth post's id would take a
 * correlated subquery per listed row with `offset read_post_count` on posts_thread_created_idx, which walks
 * read_post_count index entries (a B-tree cannot seek to the Nth entry), so the list's cost would grow with how
 * far each thread has been read (up to 100 rows a page, thousands of posts each).
 */
function firstUnreadPosition(readPostCount: number | null, postCount: number): number | null {
  return readPostCount !== null && readPostCount > 0 && readPostCount < postCount ? readPostCount + 1 : null;
}

/**
 * A channel's threads: pinned first, then newest activity, with keyset pagination on
 * (pinned, last_post_at, id) so page 200 costs what page 1 does. Unread state is the reader's own.
 */
export async function listThreads(actor: Actor, slug: string, opts: { limit?: number; cursor?: string } = {}) {
  const channel = await getChannelBySlug(actor, slug);
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 30), 1), 100);
  const after = opts.cursor ? decodeCursor(cursorShape, opts.cursor) : null;
  const reads = alias(schema.threadReads, 'reads');
  const threadWatch = alias(schema.watches, 'thread_watch');
  const channelWatch = alias(schema.watches, 'channel_watch');
  const rows = await getDb()
    .select({
      id: schema.threads.id,
      title: schema.threads.title,
      postCount: schema.threads.postCount,
      pinned: schema.threads.pinned,
      locked: schema.threads.locked,
      lastPostAt: schema.threads.lastPostAt,
      createdAt: schema.threads.createdAt,
      authorName: schema.users.name,
      lastPosterName: lastPoster.name,
      readPostCount: reads.readPostCount,
      level: sql<string>`${sql.raw(governingLevelSql({ level: 'thread_watch.level', automatic: 'thread_watch.automatic' }, 'channel_watch.level'))}`,
      recent: sql<boolean>`${schema.threads.createdAt} > greatest((select u.created_at from ${schema.users} u where u.id = ${actor.id}), now() - make_interval(days => ${NEW_FOR_DAYS}))`,
      cursorAt: exactTimestamp(schema.threads.lastPostAt),
    })
    .from(schema.threads)
    .innerJoin(schema.users, eq(schema.users.id, schema.threads.authorId))
    .leftJoin(lastPoster, eq(lastPoster.id, schema.threads.lastPosterId))
    .leftJoin(reads, and(eq(reads.threadId, schema.threads.id), eq(reads.userId, actor.id)))
    .leftJoin(threadWatch, and(eq(threadWatch.userId, actor.id), eq(threadWatch.targetType, 'thread'), eq(threadWatch.targetId, schema.threads.id)))
    .leftJoin(channelWatch, and(eq(channelWatch.userId, actor.id), eq(channelWatch.targetType, 'channel'), eq(channelWatch.targetId, channel.id)))
    .where(
      and(
        eq(schema.threads.channelId, channel.id),
        after
          ? sql`(${schema.threads.pinned}, ${schema.threads.lastPostAt}, ${schema.threads.id}) < (${after.p}, ${after.t}::timestamptz, ${after.i}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(schema.threads.pinned), desc(schema.threads.lastPostAt), desc(schema.threads.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    channel: { id: channel.id, slug: channel.slug, name: channel.name, description: channel.description, archived: channel.archivedAt !== null },
    threads: page.map(({ readPostCount, level, recent, cursorAt: _, ...t }) => ({
      ...t,
      replyCount: Math.max(t.postCount - 1, 0),
      ...unreadState(level, recent, readPostCount, t.postCount),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ p: last.pinned, t: last.cursorAt, i: last.id }) : null,
  };
}
