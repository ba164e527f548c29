import { sql } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { search } from '@/lib/search';
import { forgetLexemeStats, matchShare, newestMatchingPosts, newestMatchingPostsSql, walkWindow } from '@/lib/search-candidates';
import { actorFor, db, makeChannel, makeUser, rawSql, useTestDatabase } from './harness';

useTestDatabase();

/**
 * lib/search-candidates.ts picks the newest matching posts by walking the newest posts (common words) or through
 * the GIN index (rare ones), and falls back to the GIN index for posts older than the walk. Whatever the path,
 * the ids must be exactly those of `order by created_at desc limit n`.
 *
 * 60 posts a minute apart: "alphaword" in the even ones, "betaword" in the odd ones, so each word is in half of
 * them but the two appear together only in the two oldest (one of them hidden by a moderator).
 */
let member: Actor;
let staff: Actor;
const POSTS = 60;

beforeAll(async () => {
  member = actorFor(await makeUser());
  staff = actorFor(await makeUser({ role: 'moderator' }));
  const channel = await makeChannel();
  const sqlc = rawSql();
  const [thread] = await sqlc<{ id: string }[]>`
    insert into threads (channel_id, author_id, title, post_count) values (${channel.id}, ${member.id}, 'Weekly notes', ${POSTS}) returning id`;
  const start = Date.now() - 2 * 86_400_000;
  for (let i = 0; i < POSTS; i++) {
    const body = i < 2 ? `alphaword betaword together ${i}` : `${i % 2 ? 'betaword' : 'alphaword'} note ${i}`;
    await sqlc`
      insert into posts (thread_id, author_id, body_markdown, body_html, body_text, created_at, hidden_at)
      values (${thread.id}, ${member.id}, ${body}, ${body}, ${body}, ${new Date(start + i * 60_000).toISOString()}, ${i === 1 ? new Date().toISOString() : null})`;
  }
  await sqlc`analyze posts`;
  forgetLexemeStats();
});

const where = (q: string, hidden: boolean) => (p: string) =>
  sql`where ${sql.raw(p)}.search_vector @@ websearch_to_tsquery('english', ${q}) and ${sql.raw(p)}.deleted_at is null ${hidden ? sql`` : sql.raw(`and ${p}.hidden_at is null`)}`;

async function reference(q: string, limit: number, hidden: boolean) {
  const rows = await db().execute<{ id: string }>(sql`select p.id from posts p ${where(q, hidden)('p')} order by p.created_at desc limit ${limit}`);
  return rows.map((r) => r.id);
}

describe('newest matching posts', () => {
  it('chooses the walk for common words and the GIN index for rare ones', () => {
    expect(walkWindow(0.5, POSTS, 5)).toBe(30); // three times the rows half of the posts need for 5 matches
    expect(walkWindow(0.5, POSTS, 200)).toBeUndefined(); // more than every match: read them all
    expect(walkWindow(0.0005, 1_000_000, 200)).toBeUndefined(); // 500 matches in a million
    expect(walkWindow(0.2, 1_000_000, 200)).toBe(3000);
    expect(walkWindow(0.015, 1_000_000, 200)).toBe(30_000); // capped; older matches come from the GIN index
  });

  it('takes the rarest word as the share (an unlisted word as rare), and knows nothing of alternatives or exclusions', () => {
    const share = new Map([['alphaword', 0.5], ['betaword', 0.4]]);
    expect(matchShare("'alphaword' & 'betaword'", share, 0.01)).toBe(0.4);
    expect(matchShare("'alphaword' <-> 'unknown'", share, 0.01)).toBe(0.01);
    expect(matchShare("'alphaword' | 'betaword'", share, 0.01)).toBe(1);
    expect(matchShare("'alphaword' & !'betaword'", share, 0.01)).toBe(1);
    expect(matchShare("'it''s'", new Map([["it's", 0.25]]), 0.01)).toBe(0.25);
    expect(matchShare('', share, 0.01)).toBe(0);
  });

  it('returns exactly the newest matches on every path: walk, walk then GIN for older posts, GIN', async () => {
    for (const q of ['alphaword', 'betaword', 'alphaword betaword', 'alphaword -betaword', 'gammaword', 'together']) {
      for (const limit of [1, 2, 5, 200]) {
        for (const hidden of [false, true]) {
          expect(await newestMatchingPosts(db(), q, limit, where(q, hidden)), `${q} / ${limit} / hidden ${hidden}`).toEqual(
            await reference(q, limit, hidden),
          );
        }
      }
    }
  });

  it('search finds the posts with both words, the hidden one only for staff', async () => {
    const q = 'alphaword betaword';
    const shown = (await search(member, { q })).results.map((r) => r.id);
    expect(shown).toHaveLength(1);
    expect(shown).toEqual(await reference(q, 200, false));
    const all = (await search(staff, { q })).results.map((r) => r.id);
    expect(all.sort()).toEqual((await reference(q, 200, true)).sort());
    expect(all).toHaveLength(2);
  });

  it('reaches the GIN fallback when the words are common alone but rare together', async () => {
    // Each word is in half the posts, so 2 matches should be among the newest 12; the two posts with both words
    // are the oldest, found only by the GIN index over posts older than the walk.
    const q = 'alphaword betaword';
    const fragment = new PgDialect().sqlToQuery(await newestMatchingPostsSql(db(), q, 2, where(q, false))).sql;
    expect(fragment).toMatch(/limit \$\d+\s*\) w/); // the walk, over a window…
    expect(fragment).toContain('older as materialized'); // …and the fallback
    const found = await newestMatchingPosts(db(), q, 2, where(q, false));
    expect(found).toEqual(await reference(q, 2, false));
    const [oldest] = await rawSql()<{ id: string }[]>`select id from posts order by created_at limit 1`;
    expect(found).toEqual([oldest.id]);
  });
});
