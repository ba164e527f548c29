import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createPost } from '@/lib/forum/create-post';
import { createThread } from '@/lib/forum/create-thread';
import { deletePost } from '@/lib/forum/edit-post';
import { hidePost } from '@/lib/moderation/hide-post';
import { search } from '@/lib/search';
import { actorFor, makeChannel, makeUser, rawSql, useTestDatabase } from './harness';

/**
 * Search pages while the forum changes under them: the bands a search ranks (the newest 200 matching posts, the next
 * 200…) are fixed when each is first ranked, so a post written, hidden or deleted, or a reply to a thread whose title
 * matches, between two pages neither repeats a result nor skips one the search had when it began.
 */
useTestDatabase();

type Page = Awaited<ReturnType<typeof search>>;

let member: Actor;
let moderator: Actor;
let channelId: string;
let channelSlug: string;

beforeAll(async () => {
  member = actorFor(await makeUser({ name: 'Changes Member' }));
  moderator = actorFor(await makeUser({ role: 'moderator' }));
  const channel = await makeChannel();
  channelId = channel.id;
  channelSlug = channel.slug;
});

/** A thread whose title does not match, with `count` posts a minute apart: post i (1 = the newest, a minute old) says `bodyOf(i)`. */
async function bulkPosts(word: string, count: number, bodyOf: (i: number) => string) {
  const sqlc = rawSql();
  const [thread] = await sqlc<{ id: string }[]>`
    insert into threads (channel_id, author_id, title, post_count) values (${channelId}, ${member.id}, 'Weekly notes', ${count}) returning id`;
  const bodies = Array.from({ length: count }, (_, i) => bodyOf(i + 1));
  await sqlc`
    insert into posts (thread_id, author_id, body_markdown, body_html, body_text, created_at)
    select ${thread.id}, ${member.id}, b, b, b, date_trunc('second', now()) - make_interval(mins => i::int)
    from unnest(${sqlc.array(bodies)}::text[]) with ordinality as s(b, i)`;
  return thread.id;
}

/** The newest-first ids of the posts saying `word`, as the database has them. */
async function newestFirst(word: string) {
  const rows = await rawSql()<{ id: string }[]>`
    select id from posts where search_vector @@ websearch_to_tsquery('english', ${word}) order by created_at desc, id desc`;
  return rows.map((r) => r.id);
}

/** Every page of a search, calling `between(n)` after page n (1-based) is read. */
async function allPages(actor: Actor, input: Record<string, unknown>, between: (n: number) => Promise<void> = async () => {}) {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const page = await search(actor, { ...input, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
    if (cursor) await between(pages.length);
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return pages;
}

const ids = (pages: Page[]) => pages.flatMap((p) => p.results.map((r) => r.id));
const repeats = (list: string[]) => list.filter((id, i) => list.indexOf(id) !== i);

describe('search pages while posts change', () => {
  it('a matching post written between pages repeats nothing and skips nothing (the reviewer’s 230 posts, 50 a page)', async () => {
    const word = 'freshword';
    await bulkPosts(word, 230, (i) => `${`${word} `.repeat(1 + (i % 4))}entry ${i}`);
    const before = ids(await allPages(member, { q: word, limit: 50 }));
    expect(before).toHaveLength(230);

    // After page 4 (the newest 200 all shown), a new post, the best match of all.
    const [{ thread_id: threadId }] = await rawSql()<{ thread_id: string }[]>`select thread_id from posts where id = ${before[0]}`;
    const pages = await allPages(member, { q: word, limit: 50 }, async (n) => {
      if (n === 4) await createPost(member, threadId, { body: `${word} ${word} ${word} ${word} ${word} just in` });
    });
    const seen = ids(pages);
    expect(repeats(seen)).toEqual([]);
    // The search goes on with what it began with: the same results in the same order. A new search finds the post.
    expect(seen).toEqual(before);
    expect(ids(await allPages(member, { q: word, limit: 50 }))).toHaveLength(231);
  });

  it('a post hidden from a later band while the reader is in it skips no other result', async () => {
    const word = 'hidingword';
    // 450 posts: bands of 200, 200 and 50. The 401st newest (the newest of band 2) is the best match of all.
    await bulkPosts(word, 450, (i) => (i === 401 ? `${word} ${word} ${word} ${word} entry ${i}` : `${word} entry ${i}`));
    const newest = await newestFirst(word);
    const before = ids(await allPages(member, { q: word, limit: 50 }));
    expect(before).toHaveLength(450);
    const band1 = new Set(newest.slice(200, 400));
    // Page 5 is band 1's first 50: hide one of band 1 not shown yet.
    const target = before.slice(250).find((id) => band1.has(id))!;
    const pages = await allPages(member, { q: word, limit: 50 }, async (n) => {
      if (n === 5) await hidePost(moderator, target, { reason: 'Off topic' });
    });
    const seen = ids(pages);
    expect(repeats(seen)).toEqual([]);
    expect(seen).toEqual(before.filter((id) => id !== target));
    expect(seen).toContain(newest[400]);
  });

  it('a post deleted from a band the reader already passed skips no result of the next band', async () => {
    const word = 'goneword';
    // 450 posts; the 201st newest (band 1's newest) is the best match of all.
    await bulkPosts(word, 450, (i) => (i === 201 ? `${word} ${word} ${word} ${word} entry ${i}` : `${word} entry ${i}`));
    const newest = await newestFirst(word);
    const before = ids(await allPages(member, { q: word, limit: 50 }));
    expect(before).toHaveLength(450);
    // After page 4 (band 0 all shown), its author deletes a post the reader has seen.
    const target = before[10];
    const pages = await allPages(member, { q: word, limit: 50 }, async (n) => {
      if (n === 4) await deletePost(member, target);
    });
    const seen = ids(pages);
    expect(repeats(seen)).toEqual([]);
    expect(seen).toEqual(before);
    expect(seen).toContain(newest[200]);
  });

  it('a reply to a thread whose title matches, between pages, repeats nothing and skips nothing', async () => {
    const word = 'titleword';
    const sqlc = rawSql();
    // 230 threads whose title matches, started a minute apart, each with one opening post that does not say the word.
    const threads = await sqlc<{ id: string }[]>`
      insert into threads (channel_id, author_id, title, post_count, created_at, last_post_at)
      select ${channelId}, ${member.id}, 'About ' || ${word} || ' ' || i, 1, t, t
      from (select i, date_trunc('second', now()) - make_interval(mins => i) as t from generate_series(1, 230) i) s
      returning id`;
    expect(threads).toHaveLength(230);
    await sqlc`
      insert into posts (thread_id, author_id, body_markdown, body_html, body_text, created_at)
      select t.id, ${member.id}, 'Opening notes', 'Opening notes', 'Opening notes', t.created_at
      from threads t where t.title like ${`About ${word} %`}`;
    const before = ids(await allPages(member, { q: word, limit: 50 }));
    expect(before).toHaveLength(230);
    expect(new Set(before).size).toBe(230);

    // After page 4, a reply to one of the threads of the next band (its opening post not shown yet).
    const [{ thread_id: replied }] = await sqlc<{ thread_id: string }[]>`select thread_id from posts where id = ${before[215]}`;
    const pages = await allPages(member, { q: word, limit: 50 }, async (n) => {
      if (n === 4) await createPost(member, replied, { body: 'Thanks, following this.' });
    });
    const seen = ids(pages);
    expect(repeats(seen)).toEqual([]);
    expect(seen).toEqual(before);
  });

  it('with both lists deep (body matches, and threads whose title matches), each post in the earlier of its two bands, and every change at once', async () => {
    const word = 'dualword';
    const sqlc = rawSql();
    // 300 threads whose title matches, started 2 minutes apart; every other one's opening post also says the word.
    await sqlc`
      with t as (
        insert into threads (channel_id, author_id, title, post_count, created_at, last_post_at)
        select ${channelId}, ${member.id}, 'About ' || ${word} || ' ' || i, 1, at, at
        from (select i, date_trunc('second', now()) - make_interval(mins => 2 * i) as at from generate_series(1, 300) i) s
        returning id, title, created_at
      )
      insert into posts (thread_id, author_id, body_markdown, body_html, body_text, created_at)
      select id, ${member.id}, b, b, b, created_at
      from (select t.*, case when split_part(title, ' ', 3)::int % 2 = 0 then ${word} || ' opening ' || title else 'Opening notes' end as b from t) s`;
    // And 300 posts saying it in a thread whose title does not, in between: the body matches are the denser list.
    await bulkPosts(word, 600, (i) => (i % 2 ? `${`${word} `.repeat(1 + (i % 3))}note ${i}` : 'not this one'));
    await sqlc`delete from posts where body_text = 'not this one'`;

    // The order one long page would give: each list's bands of 200 (body matches by the post's time, title
    // matches by the thread's), a post in both in the earlier; by rank, then newest, then id, within a band.
    type Match = { id: string; at: string; rank: number; body: boolean; thread_at: string | null; thread_id: string };
    const rows: Match[] = await sqlc<Match[]>`
      select p.id, to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as at,
             (ts_rank(p.search_vector, q) + case when t.search_vector @@ q then 0.5 else 0 end)::float8 as rank,
             p.search_vector @@ q as body, t.id as thread_id,
             case when t.search_vector @@ q and p.id = (select f.id from posts f where f.thread_id = t.id order by f.created_at, f.id limit 1)
                  then to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') end as thread_at
      from posts p join threads t on t.id = p.thread_id, websearch_to_tsquery('english', ${word}) q
      where p.deleted_at is null and p.hidden_at is null and (p.search_vector @@ q or t.search_vector @@ q)`;
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const bandOf = new Map<string, number>();
    const place = (list: Match[], key: (r: Match) => [string, string]) =>
      [...list].sort((a, b) => cmp(key(b)[0], key(a)[0]) || cmp(key(b)[1], key(a)[1])).forEach((r, i) => bandOf.set(r.id, Math.min(bandOf.get(r.id) ?? 99, Math.floor(i / 200))));
    place(rows.filter((r) => r.body), (r) => [r.at, r.id]);
    place(rows.filter((r) => r.thread_at), (r) => [r.thread_at!, r.thread_id]);
    const expected = rows
      .filter((r) => bandOf.has(r.id))
      .sort((a, b) => bandOf.get(a.id)! - bandOf.get(b.id)! || b.rank - a.rank || cmp(b.at, a.at) || cmp(b.id, a.id))
      .map((r) => r.id);
    expect(expected).toHaveLength(600);
    // Some posts are in band 0 by their title and band 1 by their body, or the other way round.
    expect(rows.some((r) => r.body && r.thread_at && bandOf.get(r.id) === 0)).toBe(true);

    const before = await allPages(member, { q: word, limit: 50 });
    expect(ids(before)).toEqual(expected);
    // A cursor carries both lists' bounds (longer than the 500 characters the cursor was once limited to).
    expect(Math.max(...before.map((p) => p.nextCursor?.length ?? 0))).toBeGreaterThan(500);

    // Between pages: a new thread whose title matches, a matching reply that moves an older thread's last
    // activity, a post already shown deleted by its author, and once the reader is in band 1 (page 8), a post of
    // band 1 not yet shown hidden.
    const inBand1 = (pages: Page[]) => pages.map((p) => JSON.parse(Buffer.from(p.nextCursor ?? 'e30', 'base64url').toString()).b as number | undefined);
    expect(inBand1(before).slice(6, 9)).toEqual([1, 1, 1]);
    const hidden = expected.find((id, i) => i >= 450 && bandOf.get(id) === 1)!;
    const [{ thread_id: older }] = await sqlc<{ thread_id: string }[]>`select thread_id from posts where id = ${expected[380]}`;
    const pages = await allPages(member, { q: word, limit: 50 }, async (n) => {
      if (n === 2) await createThread(member, channelSlug, { title: `News about ${word}`, body: `${word} ${word} ${word} first` });
      if (n === 3) await createPost(member, older, { body: `${word} ${word} ${word} ${word} reply` });
      if (n === 7) await deletePost(member, expected[5]);
      if (n === 8) await hidePost(moderator, hidden, { reason: 'Off topic' });
    });
    const seen = ids(pages);
    expect(repeats(seen)).toEqual([]);
    expect(seen).toEqual(expected.filter((id) => id !== hidden));
  });
});
