import { z } from 'zod';
import { getSql } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Conflict, Invalid, NotFound } from '@/lib/errors';
import { markdownText, renderMarkdown } from '@/lib/markdown';
import { assertNotSilenced, mayPostInThread, mayReadChannels, notSilencedSql } from '@/lib/policy';
import { emitNotificationsChanged, emitPostCreated } from '@/lib/realtime/emit';
import { parseInput, postBody, uuidParam } from '@/lib/validation';
import { noWritesMessage } from './no-writes-message';
import { followUpsOfPost, mentionedNames } from './notify-readers';

export const createPostInput = z.object({
  body: postBody,
  replyToPostId: z.uuid({ message: 'Not a valid post id' }).optional(),
});

type ReplyContext = {
  locked: boolean;
  /** As PostgreSQL wrote it (the raw client leaves timestamps as text), so the guard compares it exactly. */
  archivedAt: string | null;
  channelId: string;
  starterId: string;
  silencedUntil: Date | null;
  replyToAuthorId: string | null;
};

/**
 * A reply in a public thread: two statements and no transaction. The first reads what the policy needs
 * (the thread, its channel, whether the author is silenced, the post replied to); the second writes the
 * post, the thread's counters, the author's watch and the notifications in one statement, and only if
 * the thread and the author are still as the policy saw them (row-locked for the statement). When they
 * changed in between (the thread was locked, the author silenced), the checks run again on what is there now.
 */
export async function createPost(actor: Actor, threadId: string, raw: unknown) {
  if (!mayReadChannels(actor) || !uuidParam.safeParse(threadId).success) throw NotFound();
  const input = parseInput(createPostInput, raw);
  const bodyHtml = renderMarkdown(input.body);
  const { text: bodyText, prose } = markdownText(input.body);
  for (let attempt = 0; ; attempt++) {
    const context = await replyContext(actor, threadId, input.replyToPostId);
    if (!context) throw NotFound();
    assertNotSilenced(context.silencedUntil);
    if (!mayPostInThread(actor, context, context)) throw Conflict(noWritesMessage(context, context));
    if (input.replyToPostId && !context.replyToAuthorId) {
      throw Invalid('The post you are replying to is not in this thread', { replyToPostId: ['Not a post in this thread'] });
    }
    const sql = getSql();
    const [written] = await sql<{ id: string; notified: string[] }[]>`
      with target as (
        select t.id from threads t join channels c on c.id = t.channel_id
        where t.id = ${threadId}::uuid and t.locked = ${context.locked} and c.archived_at is not distinct from ${context.archivedAt}::timestamptz
          and ${notSilencedSql(sql, actor.id)}
        for update of t
      ),
      post as (
        -- Stamped once the thread's row lock is held (clock_timestamp, not the statement's start): replies then sort
        -- in the order they were written, which read positions (a count of posts from the start) rely on.
        insert into posts (thread_id, author_id, body_markdown, body_html, body_text, created_at)
        select target.id, ${actor.id}::uuid, ${input.body}, ${bodyHtml}, ${bodyText}, clock_timestamp() from target
        returning id, thread_id, created_at
      ),
      bump as (
        update threads t set post_count = t.post_count + 1, last_post_at = post.created_at, last_poster_id = ${actor.id}::uuid
        from post where t.id = post.thread_id
      ),
      ${followUpsOfPost(sql, {
        authorId: actor.id,
        channelId: context.channelId,
        authorWatch: 'tracking',
        mentionNames: mentionedNames(prose),
        replyToAuthorId: context.replyToAuthorId ?? context.starterId,
      })}`;
    if (written) {
      emitPostCreated(context.channelId, threadId, written.id);
      emitNotificationsChanged(written.notified);
      return { id: written.id };
    }
    if (attempt > 0) throw Conflict('This thread changed while you were replying. Try again.');
  }
}

async function replyContext(actor: Actor, threadId: string, replyToPostId: string | undefined): Promise<ReplyContext | null> {
  const [row] = await getSql()<(Omit<ReplyContext, 'silencedUntil'> & { silencedUntil: number | null })[]>`
    select t.locked, c.archived_at as "archivedAt", t.channel_id as "channelId", t.author_id as "starterId",
      (select extract(epoch from u.silenced_until) * 1000 from users u where u.id = ${actor.id}::uuid and u.silenced_until > now())::float8 as "silencedUntil",
      (select p.author_id from posts p where p.id = ${replyToPostId ?? null}::uuid and p.thread_id = t.id) as "replyToAuthorId"
    from threads t join channels c on c.id = t.channel_id
    where t.id = ${threadId}::uuid`;
  return row ? { ...row, silencedUntil: row.silencedUntil === null ? null : new Date(row.silencedUntil) } : null;
}
