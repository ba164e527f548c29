import { asc, eq, sql } from 'drizzle-orm';
import { getDb, schema, type Db } from '@/db/client';
import { preparedPerDb } from '@/db/prepared';
import type { Actor } from '@/lib/auth/actor';
import { NotFound } from '@/lib/errors';
import { mayPostInThread, mayReadChannels, maySeeHiddenPosts } from '@/lib/policy';
import { uuidParam } from '@/lib/validation';

export async function getThread(actor: Actor, threadId: string) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(threadId).success) throw NotFound();
  const queries = threadQueries(getDb());
  const [[row], posts] = await Promise.all([queries.thread.execute({ threadId }), queries.posts.execute({ threadId })]);
  if (!row) throw NotFound();
  const { thread, channel } = row;
  const seesHidden = maySeeHiddenPosts(actor);
  return {
    id: thread.id,
    title: thread.title,
    locked: thread.locked,
    pinned: thread.pinned,
    createdAt: thread.createdAt,
    channel: { id: channel.id, slug: channel.slug, name: channel.name },
    canReply: mayPostInThread(actor, thread, channel),
    // The Markdown source goes only to its author (for the edit box); a deleted post keeps nothing;
    // a hidden post's text and the moderator's reason are for staff only.
    posts: posts.map(({ bodyMarkdown, hiddenReason, ...p }) =>
      p.deletedAt
        ? { ...p, bodyHtml: '', bodyMarkdown: null, hiddenReason: null }
        : p.hiddenAt && !seesHidden
          ? { ...p, bodyHtml: '', bodyMarkdown: null, hiddenReason: null }
          : { ...p, bodyMarkdown: p.authorId === actor.id && !p.hiddenAt ? bodyMarkdown : null, hiddenReason: seesHidden ? hiddenReason : null },
    ),
  };
}

/** The thread page's two queries, on every view of a thread: prepared once. */
const threadQueries = preparedPerDb((db: Db) => ({
  thread: db
    .select({ thread: schema.threads, channel: schema.channels })
    .from(schema.threads)
    .innerJoin(schema.channels, eq(schema.channels.id, schema.threads.channelId))
    .where(eq(schema.threads.id, sql.placeholder('threadId')))
    .limit(1)
    .prepare('thread_by_id'),
  posts: db
    .select({
      id: schema.posts.id,
      bodyHtml: schema.posts.bodyHtml,
      bodyMarkdown: schema.posts.bodyMarkdown,
      createdAt: schema.posts.createdAt,
      editedAt: schema.posts.editedAt,
      deletedAt: schema.posts.deletedAt,
      hiddenAt: schema.posts.hiddenAt,
      hiddenReason: schema.posts.hiddenReason,
      authorId: schema.users.id,
      authorName: schema.users.name,
      authorUsername: schema.users.username,
    })
    .from(schema.posts)
    .innerJoin(schema.users, eq(schema.users.id, schema.posts.authorId))
    .where(eq(schema.posts.threadId, sql.placeholder('threadId')))
    .orderBy(asc(schema.posts.createdAt), asc(schema.posts.id))
    .prepare('thread_posts'),
}));
