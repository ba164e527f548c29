import { sql as drizzleSql } from 'drizzle-orm';
import type postgres from 'postgres';
import type { Tx } from '@/db/client';
import { governingLevelSql } from './watch-precedence';

/** What every new public post (a thread's first post or a reply) writes besides the post row itself. */
export type PostFollowUps = {
  authorId: string;
  channelId: string;
  /** The author follows what they start (`watching`) and tracks what they reply to (`tracking`), unless they chose otherwise. */
  authorWatch: 'watching' | 'tracking';
  /** Lower-case @names found in the post's prose, code left out (see `markdownText` and `mentionedNames`). */
  mentionNames: string[];
  /** The author of the post replied to (or the thread's starter); null for a new thread. */
  replyToAuthorId: string | null;
};

/**
 * The tail of a statement that has just inserted a public post in a CTE named `post` (with `id` and
 * `thread_id`): the author's watch on the thread, then one notification per person who hears about it,
 * strongest reason first: people @mentioned (always: a mention is addressed to you), the author of the post
 * replied to (unless the level that governs them is muted, see `governingLevelSql`), then people watching the
 * thread or its channel (a level chosen for the thread wins over the channel's). Never the author,
 * never a suspended or closed account. Selects the post's id and the ids of the people notified.
 *
 * It is SQL, not a run of queries, so a post is written in one round trip: on two cores a post's cost
 * is mostly statements and their network writes (issue 3: 200 posts a second).
 * Public forum only: incident-room posts never create notifications here.
 */
export function followUpsOfPost(sql: postgres.Sql, p: PostFollowUps) {
  return sql`
    author_watch as (
      insert into watches (user_id, target_type, target_id, level, automatic)
      select ${p.authorId}::uuid, 'thread', post.thread_id, ${p.authorWatch}::watch_level, ${p.authorWatch === 'tracking'} from post
      on conflict do nothing
    ),
    reasons as (
      select u.id as user_id, 'mention'::notification_kind as kind, 1 as strength
        from users u where u.username = any(${p.mentionNames}::text[])
      union all
      select ${p.replyToAuthorId}::uuid, 'reply', 2 from post
        where ${p.replyToAuthorId}::uuid is not null
          and ${effectiveLevel(sql, p.replyToAuthorId, p.channelId)} <> 'muted'
      union all
      select w.user_id, 'watching', 3 from watches w, post
        where w.level = 'watching'
          and ((w.target_type = 'thread' and w.target_id = post.thread_id)
            or (w.target_type = 'channel' and w.target_id = ${p.channelId}::uuid
                and not exists (select 1 from watches m where m.user_id = w.user_id and not m.automatic
                                and m.target_type = 'thread' and m.target_id = post.thread_id and m.level <> 'watching')))
    ),
    readers as (
      select distinct on (r.user_id) r.user_id, r.kind
        from reasons r join users u on u.id = r.user_id and u.status = 'active'
        where r.user_id <> ${p.authorId}::uuid
        order by r.user_id, r.strength
    ),
    notified as (
      insert into notifications (user_id, kind, thread_id, post_id, actor_id)
      select readers.user_id, readers.kind, post.thread_id, post.id, ${p.authorId}::uuid from readers, post
      on conflict do nothing
      returning user_id
    )
    select post.id, post.thread_id, array(select user_id from notified)::text[] as notified from post`;
}

/** One person's governing level (`governingLevelSql`) for the thread of the CTE `post`, in `followUpsOfPost`. */
function effectiveLevel(sql: postgres.Sql, userId: string | null, channelId: string) {
  return sql`(select ${sql.unsafe(governingLevelSql({ level: 'tw.level', automatic: 'tw.automatic' }, 'cw.level'))}
    from (select 1) one
    left join watches tw on tw.user_id = ${userId}::uuid and tw.target_type = 'thread' and tw.target_id = post.thread_id
    left join watches cw on cw.user_id = ${userId}::uuid and cw.target_type = 'channel' and cw.target_id = ${channelId}::uuid)`;
}

/** The @names in a post's plain text (at most 20), lower-cased, as `followUpsOfPost` looks them up. */
export function mentionedNames(plainText: string): string[] {
  const names = [...plainText.matchAll(/(?:^|[^\w@.])@([a-z0-9][a-z0-9._-]{1,29})/gi)].map((m) => m[1].toLowerCase().replace(/[._-]+$/, ''));
  return [...new Set(names)].slice(0, 20);
}

/**
 * An edit that adds @mentions notifies the people newly mentioned (those the earlier text already mentioned
 * heard about it then). Once per person and post, like every notification: someone who already had one about the
 * post (as a watcher, say) has it turned into an unread mention. Never the author, never a suspended or closed
 * account. Returns the ids of the people notified.
 */
export async function notifyMentionsAddedByEdit(
  tx: Tx,
  p: { postId: string; threadId: string; authorId: string; earlierProse: string; prose: string },
): Promise<string[]> {
  const earlier = new Set(mentionedNames(p.earlierProse));
  const added = mentionedNames(p.prose).filter((name) => !earlier.has(name));
  if (!added.length) return [];
  const rows = await tx.execute<{ user_id: string }>(drizzleSql`
    insert into notifications (user_id, kind, thread_id, post_id, actor_id)
    select u.id, 'mention', ${p.threadId}::uuid, ${p.postId}::uuid, ${p.authorId}::uuid from users u
    where u.username in (${drizzleSql.join(added.map((name) => drizzleSql`${name}`), drizzleSql`, `)})
      and u.status = 'active' and u.id <> ${p.authorId}::uuid
    on conflict (user_id, post_id) do update set kind = 'mention', read_at = null
      where notifications.kind <> 'mention'
    returning user_id`);
  return rows.map((r) => r.user_id);
}

