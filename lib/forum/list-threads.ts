import { and, desc, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getChannelBySlug } from './channels';
import { cursorTimestamp, decodeCursor, encodeCursor, exactTimestamp } from './keyset-cursor';

const lastPoster = alias(schema.users, 'last_poster');

const cursorShape = z.object({ p: z.boolean(), t: cursorTimestamp, i: z.uuid() });

/**
 * A channel's threads: pinned first, then newest activity, with keyset pagination on
 * (pinned, last_post_at, id) so page 200 costs what page 1 does. Unread state is the reader's own.
 */
export async function listThreads(actor: Actor, slug: string, opts: { limit?: number; cursor?: string } = {}) {
  const channel = await getChannelBySlug(actor, slug);
  const limit = Math.min(Math.max(Math.trunc(opts.limit ?? 30), 1), 100);
  const after = opts.cursor ? decodeCursor(cursorShape, opts.cursor) : null;
  const reads = alias(schema.threadReads, 'reads');
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
      cursorAt: exactTimestamp(schema.threads.lastPostAt),
    })
    .from(schema.threads)
    .innerJoin(schema.users, eq(schema.users.id, schema.threads.authorId))
    .leftJoin(lastPoster, eq(lastPoster.id, schema.threads.lastPosterId))
    .leftJoin(reads, and(eq(reads.threadId, schema.threads.id), eq(reads.userId, actor.id)))
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
    threads: page.map(({ readPostCount, cursorAt: _, ...t }) => ({
      ...t,
      replyCount: Math.max(t.postCount - 1, 0),
      unread: readPostCount === null,
      newPosts: readPostCount === null ? 0 : Math.max(t.postCount - readPostCount, 0),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor({ p: last.pinned, t: last.cursorAt, i: last.id }) : null,
  };
}
