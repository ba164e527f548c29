import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { getChannelBySlug } from './channels';

const lastPoster = alias(schema.users, 'last_poster');

export async function listThreads(actor: Actor, slug: string, limit = 50) {
  const channel = await getChannelBySlug(actor, slug);
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
    })
    .from(schema.threads)
    .innerJoin(schema.users, eq(schema.users.id, schema.threads.authorId))
    .leftJoin(lastPoster, eq(lastPoster.id, schema.threads.lastPosterId))
    .where(eq(schema.threads.channelId, channel.id))
    .orderBy(desc(schema.threads.pinned), desc(schema.threads.lastPostAt), desc(schema.threads.id))
    .limit(Math.min(Math.max(limit, 1), 100));
  return {
    channel: { id: channel.id, slug: channel.slug, name: channel.name, description: channel.description },
    threads: rows.map((t) => ({ ...t, replyCount: Math.max(t.postCount - 1, 0) })),
  };
}
