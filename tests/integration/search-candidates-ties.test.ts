import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { forgetLexemeStats, newestMatchingPosts, newestMatchingPostsSql } from '@/lib/search-candidates';
import { actorFor, db, makeChannel, makeUser, rawSql, useTestDatabase } from './harness';

useTestDatabase();

/**
 * Search pages rank the newest 200 matching posts, then the next 200: page 2 must find the same 200 that page 1
 * ranked, so "the newest N" has to be one set even when posts share a created_at instant (a bulk import, one
 * transaction). Ties are broken by id, on every path, including the walk whose window of newest posts ends
 * part-way through the posts of one instant.
 *
 * 80 posts: the 40 oldest a minute apart, the 40 newest all at one instant; "tieword" in every other one.
 */
const POSTS = 80;

beforeAll(async () => {
  const member = actorFor(await makeUser());
  const channel = await makeChannel();
  const sqlc = rawSql();
  const [thread] = await sqlc<{ id: string }[]>`
    insert into threads (channel_id, author_id, title, post_count) values (${channel.id}, ${member.id}, 'Import', ${POSTS}) returning id`;
  await sqlc`
    insert into posts (thread_id, author_id, body_markdown, body_html, body_text, created_at)
    select ${thread.id}, ${member.id}, b, b, b, date_trunc('second', now()) - make_interval(mins => greatest(i - 40, 0))
    from (select i, case when i % 2 = 0 then 'tieword entry ' || i else 'other entry ' || i end as b from generate_series(1, ${POSTS}) i) s`;
  await sqlc`analyze posts`;
  forgetLexemeStats();
});

const where = (q: string) => (p: string) => sql`where ${sql.raw(p)}.search_vector @@ websearch_to_tsquery('english', ${q}) and ${sql.raw(p)}.deleted_at is null`;

async function reference(q: string, limit: number) {
  const rows = await db().execute<{ id: string }>(sql`select p.id from posts p ${where(q)('p')} order by p.created_at desc, p.id desc limit ${limit}`);
  return rows.map((r) => r.id);
}

describe('the newest matching posts when several share an instant', () => {
  it('are the same set on every path and every limit, ties broken by id', async () => {
    for (const limit of [1, 5, 10, 19, 20, 21, 30, 200]) {
      expect(await newestMatchingPosts(db(), 'tieword', limit, where('tieword')), `limit ${limit}`).toEqual(await reference('tieword', limit));
    }
  });

  it('the walk over a window that ends inside one instant still finds the ties outside it', async () => {
    // "tieword" is in half the posts: 5 matches are expected among the newest 30, all 40 of which share an instant.
    const fragment = new PgDialect().sqlToQuery(await newestMatchingPostsSql(db(), 'tieword', 5, where('tieword'))).sql;
    expect(fragment).toMatch(/limit \$\d+\s*\) w/);
    expect(await newestMatchingPosts(db(), 'tieword', 5, where('tieword'))).toEqual(await reference('tieword', 5));
  });
});
