import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { forgetLexemeStats, newestMatchingPosts, newestMatchingPostsSql } from '@/lib/search-candidates';
import { actorFor, db, makeChannel, makeUser, rawSql, useTestDatabase } from './harness';

useTestDatabase();

/**
 * Search's later bands ask for the newest matching posts at or older than a post's key (created_at, id): the walk
 * then starts at that time (`notAfter`) rather than at the newest post, and must still give exactly
 * `… and (created_at, id) < key order by created_at desc, id desc limit n`, on the walk and on the GIN index, when
 * the key is one of several posts that share an instant, and when the walk's window ends inside one.
 *
 * 120 posts: the 40 oldest a minute apart, then 40 at one instant, then 40 more a minute apart; "boundword" in every
 * other one.
 */
const POSTS = 120;
type Post = { id: string; at: string };
let posts: Post[];

beforeAll(async () => {
  const member = actorFor(await makeUser());
  const channel = await makeChannel();
  const sqlc = rawSql();
  const [thread] = await sqlc<{ id: string }[]>`
    insert into threads (channel_id, author_id, title, post_count) values (${channel.id}, ${member.id}, 'Import', ${POSTS}) returning id`;
  await sqlc`
    insert into posts (thread_id, author_id, body_markdown, body_html, body_text, created_at)
    select ${thread.id}, ${member.id}, b, b, b,
           date_trunc('second', now()) - make_interval(mins => case when i <= 40 then i when i <= 80 then 41 else i - 39 end)
    from (select i, case when i % 2 = 0 then 'boundword entry ' || i else 'other entry ' || i end as b from generate_series(1, ${POSTS}) i) s`;
  await sqlc`analyze posts`;
  forgetLexemeStats();
  posts = await sqlc<Post[]>`
    select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at from posts
    where search_vector @@ websearch_to_tsquery('english', 'boundword') order by created_at desc, id desc`;
  expect(posts).toHaveLength(POSTS / 2);
});

const below = (key: Post | undefined, inclusive: boolean) => (p: string) =>
  sql`where ${sql.raw(p)}.search_vector @@ websearch_to_tsquery('english', 'boundword') and ${sql.raw(p)}.deleted_at is null
    ${key ? sql`and (${sql.raw(p)}.created_at, ${sql.raw(p)}.id) ${sql.raw(inclusive ? '<=' : '<')} (${key.at}::timestamptz, ${key.id}::uuid)` : sql``}`;

async function reference(key: Post, inclusive: boolean, limit: number) {
  const rows = await db().execute<{ id: string }>(sql`select p.id from posts p ${below(key, inclusive)('p')} order by p.created_at desc, p.id desc limit ${limit}`);
  return rows.map((r) => r.id);
}

describe('the newest matching posts below a key', () => {
  it('are those of the plain query on every path, for keys before, inside and after an instant several posts share', async () => {
    // Posts 0–19 are a minute apart, 20–39 share an instant, 40–59 a minute apart again.
    for (const index of [0, 5, 19, 20, 27, 39, 40, 50, 58]) {
      const key = posts[index];
      for (const inclusive of [true, false]) {
        for (const limit of [1, 3, 5, 8, 21, 60]) {
          expect(await newestMatchingPosts(db(), 'boundword', limit, below(key, inclusive), key.at), `key ${index} ${inclusive} limit ${limit}`).toEqual(
            await reference(key, inclusive, limit),
          );
        }
      }
    }
  });

  it('start the walk at the key’s time, not at the newest post', async () => {
    const key = posts[30];
    const fragment = new PgDialect().sqlToQuery(await newestMatchingPostsSql(db(), 'boundword', 5, below(key, false), key.at));
    expect(fragment.sql).toMatch(/from posts where created_at <= \$\d+::timestamptz order by created_at desc limit \$\d+\s*\) w/);
    expect(fragment.params).toContain(key.at);
  });
});
