import { z } from 'zod';
import { getDb, getSql } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Conflict } from '@/lib/errors';
import { assertMayWrite, notSilencedSql } from '@/lib/policy';
import { markdownText, renderMarkdown } from '@/lib/markdown';
import { emitNotificationsChanged, emitThreadCreated } from '@/lib/realtime/emit';
import { parseInput, postBody } from '@/lib/validation';
import { getChannelBySlug } from './channels';
import { followUpsOfPost, mentionedNames } from './notify-readers';

export const createThreadInput = z.object({
  title: z
    .string({ message: 'Enter a title' })
    .trim()
    .min(1, { message: 'Enter a title' })
    .max(200, { message: 'Title must be 200 characters or fewer' }),
  body: postBody,
});

/**
 * A new thread with its first post, in one statement (see `followUpsOfPost`), written only if the channel is
 * open and the author not silenced (the statement's guard is the silence check); when the guard refuses, the
 * checks run again and say which.
 */
export async function createThread(actor: Actor, slug: string, raw: unknown) {
  const input = parseInput(createThreadInput, raw);
  const bodyHtml = renderMarkdown(input.body);
  const { text: bodyText, prose } = markdownText(input.body);
  for (let attempt = 0; ; attempt++) {
    const channel = await getChannelBySlug(actor, slug);
    if (channel.archivedAt) throw Conflict('This channel is archived and takes no new threads.');
    if (attempt > 0) await assertMayWrite(getDb(), actor);
    const sql = getSql();
    const [written] = await sql<{ id: string; thread_id: string; notified: string[] }[]>`
      with target as (
        select c.id from channels c
        where c.id = ${channel.id}::uuid and c.archived_at is null
          and ${notSilencedSql(sql, actor.id)}
        for share of c
      ),
      thread as (
        insert into threads (channel_id, author_id, title, post_count, last_poster_id)
        select target.id, ${actor.id}::uuid, ${input.title}, 1, ${actor.id}::uuid from target
        returning id
      ),
      post as (
        insert into posts (thread_id, author_id, body_markdown, body_html, body_text)
        select thread.id, ${actor.id}::uuid, ${input.body}, ${bodyHtml}, ${bodyText} from thread
        returning id, thread_id
      ),
      ${followUpsOfPost(sql, { authorId: actor.id, channelId: channel.id, authorWatch: 'watching', mentionNames: mentionedNames(prose), replyToAuthorId: null })}`;
    if (written) {
      emitThreadCreated(channel.id, written.thread_id);
      emitNotificationsChanged(written.notified);
      return { id: written.thread_id, postId: written.id };
    }
    if (attempt > 0) throw Conflict('This channel changed while you were writing. Try again.');
  }
}
