import { beforeAll, describe, expect, it } from 'vitest';
import { GET as searchRoute } from '@/app/api/v1/search/route';
import type { Actor } from '@/lib/auth/actor';
import { createRoom } from '@/lib/incidents/create-room';
import { createRoomPost } from '@/lib/incidents/create-room-post';
import { search } from '@/lib/search';
import { forgetLexemeStats } from '@/lib/search-candidates';
import { apiRequest, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, errorOf, makeChannel, makeUser, rawSql, rowCounts, useTestDatabase } from './harness';

/**
 * Search pages: `nextCursor` leads through every result the searcher may see exactly once, in the order one long
 * page would give them; nothing from an incident room they are not in is returned or changes the paging. The newest
 * 200 matching posts are ranked first (as page 1 always did), then the next 200, and so on up to 1,000, where the
 * results stop and say so (`capped`).
 */
useTestDatabase();

type Page = Awaited<ReturnType<typeof search>>;

let member: Actor;
let memberSession: SignedIn;
let lead: Actor;
let moderator: Actor;
let secretRoomId: string;

const WORD = 'pagingword';
const SECRET = 'Canarysecret room';

async function insertPosts(threadId: string, authorId: string, bodies: { body: string; minutesAgo: number; hidden?: boolean; deleted?: boolean }[]) {
  const sqlc = rawSql();
  for (const p of bodies) {
    await sqlc`
      insert into posts (thread_id, author_id, body_markdown, body_html, body_text, created_at, hidden_at, deleted_at)
      values (${threadId}, ${authorId}, ${p.body}, ${p.body}, ${p.body}, now() - ${`${p.minutesAgo} minutes`}::interval,
              ${p.hidden ? new Date().toISOString() : null}, ${p.deleted ? new Date().toISOString() : null})`;
  }
}

async function makeThread(channelId: string, authorId: string, title: string) {
  const [thread] = await rawSql()<{ id: string }[]>`
    insert into threads (channel_id, author_id, title, post_count) values (${channelId}, ${authorId}, ${title}, 1) returning id`;
  return thread.id;
}

/** Every page of a search, following nextCursor. */
async function allPages(actor: Actor, input: Record<string, unknown>) {
  const pages: Page[] = [];
  let cursor: string | undefined;
  do {
    const page = await search(actor, { ...input, ...(cursor ? { cursor } : {}) });
    pages.push(page);
    cursor = page.nextCursor ?? undefined;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return pages;
}

const ids = (pages: Page[]) => pages.flatMap((p) => p.results.map((r) => r.id));

async function api(session: SignedIn, query: string) {
  const res = await searchRoute(apiRequest(session, 'GET', `/api/v1/search?${query}`), { params: Promise.resolve({}) });
  return { status: res.status, body: (await res.json()) as Page & { error?: { code: string; message: string; fields?: Record<string, string[]> } } };
}

beforeAll(async () => {
  const memberUser = await makeUser({ name: 'Paging Member' });
  member = actorFor(memberUser);
  memberSession = await signedIn(memberUser);
  lead = actorFor(await makeUser({ role: 'incident_lead' }));
  moderator = actorFor(await makeUser({ role: 'moderator' }));
  const channel = await makeChannel();

  // Public posts: 1–4 repetitions of the word (different ranks), some in a thread whose title matches (+0.5),
  // several with the same rank a minute apart, one hidden by a moderator and one deleted.
  const plain = await makeThread(channel.id, member.id, 'Weekly notes');
  const titled = await makeThread(channel.id, member.id, `About ${WORD}`);
  await insertPosts(titled, lead.id, [{ body: `${WORD} opening post`, minutesAgo: 500 }]);
  await insertPosts(
    plain,
    member.id,
    Array.from({ length: 30 }, (_, i) => ({ body: `${`${WORD} `.repeat(1 + (i % 4))}note number ${i}`, minutesAgo: 400 - i * 7 })),
  );
  await insertPosts(plain, member.id, [
    { body: `${WORD} hidden by a moderator`, minutesAgo: 3, hidden: true },
    { body: `${WORD} deleted by its author`, minutesAgo: 2, deleted: true },
  ]);

  // A room the member is in, and one they are not in, both with the word.
  const mine = await createRoom(lead, { title: 'Paging room', severity: 'low', tlp: 'AMBER', summary: 's', publicHeadline: 'An incident', invite: { users: [memberUser.email] } });
  for (let i = 0; i < 5; i++) await createRoomPost(lead, mine.id, { body: `${WORD} room update ${i} ${`${WORD} `.repeat(i % 3)}`, tlp: 'AMBER' });
  const secret = await createRoom(lead, { title: SECRET, severity: 'low', tlp: 'AMBER', summary: 's', publicHeadline: 'An incident', invite: { users: [] } });
  secretRoomId = secret.id;
  for (let i = 0; i < 3; i++) await createRoomPost(lead, secret.id, { body: `${WORD} ${WORD} ${WORD} canaryleak 198.51.100.99 ${i}`, tlp: 'AMBER' });
});

describe('search pages', () => {
  it('lead through every visible result exactly once, in the order of one long page, and never into a room the searcher is not in', async () => {
    const whole = await search(member, { q: WORD, limit: 50 });
    expect(whole.nextCursor).toBeNull();
    expect(whole.capped).toBe(false);
    // 30 plain posts, the titled thread's opening post and 5 room posts; not the hidden, deleted or secret ones.
    expect(whole.results).toHaveLength(36);
    expect(whole.results.filter((r) => r.kind === 'room_post')).toHaveLength(5);

    for (const limit of [1, 4, 7, 36]) {
      const pages = await allPages(member, { q: WORD, limit });
      expect(ids(pages), `limit ${limit}`).toEqual(whole.results.map((r) => r.id));
      expect(pages).toHaveLength(Math.ceil(36 / limit));
      for (const p of pages.slice(0, -1)) expect(p.results).toHaveLength(limit);
      expect(pages.at(-1)!.nextCursor).toBeNull();
      expect(JSON.stringify(pages)).not.toMatch(/Canarysecret|canaryleak|198\.51\.100\.99/);
      // The cursor names only the last result shown.
      for (const p of pages.slice(0, -1)) {
        const decoded = JSON.stringify(JSON.parse(Buffer.from(p.nextCursor!, 'base64url').toString('utf8')));
        expect(decoded).toContain(p.results.at(-1)!.id);
      }
    }

    // Staff also find the hidden post, but still nothing of the room they are not in.
    const staff = ids(await allPages(moderator, { q: WORD, limit: 8 }));
    expect(staff).toHaveLength(32);
    expect(new Set(staff).size).toBe(32);
    expect(JSON.stringify(await allPages(moderator, { q: WORD, limit: 8 }))).not.toMatch(/Canarysecret|canaryleak/);
  });

  it('are the same whatever a room the searcher is not in holds: no count, page or cursor changes', async () => {
    const before = await allPages(member, { q: WORD, limit: 5 });
    for (let i = 0; i < 25; i++) await createRoomPost(lead, secretRoomId, { body: `${WORD} ${WORD} more secret ${i}`, tlp: 'AMBER' });
    const after = await allPages(member, { q: WORD, limit: 5 });
    expect(after).toEqual(before);
  });

  it('keep the query and filters: a cursor from another search is refused', async () => {
    const first = await search(member, { q: WORD, limit: 3 });
    const again = await search(member, { q: WORD, limit: 3, cursor: first.nextCursor });
    expect(again.results.map((r) => r.id)).not.toContain(first.results[0].id);
    const other = await errorOf(() => search(member, { q: `${WORD} note`, limit: 3, cursor: first.nextCursor }));
    expect(other).toMatchObject({ code: 'invalid', fields: { cursor: [expect.stringMatching(/different search/)] } });
    const filtered = await errorOf(() => search(member, { q: WORD, limit: 3, from: '2020-01-01', cursor: first.nextCursor }));
    expect(filtered).toMatchObject({ code: 'invalid', fields: { cursor: [expect.any(String)] } });
  });
});

describe('deep pages: the newest 200 matching posts, then the next 200, up to 1,000', () => {
  const DEEP = 'deepword';
  const TOTAL = 1050;
  let newest: { id: string; rank: number; created_at: string }[];

  beforeAll(async () => {
    const channel = await makeChannel();
    const thread = await makeThread(channel.id, member.id, 'Bulk import');
    // 1,050 posts a minute apart, the word 1–4 times (a quarter also say "quarterword"); at every band boundary
    // (the 200th and 201st newest, the 400th and 401st…) two posts created at the same instant.
    await rawSql()`
      insert into posts (thread_id, author_id, body_markdown, body_html, body_text, created_at)
      select ${thread}, ${member.id}, b, b, b, date_trunc('second', now()) - make_interval(mins => i - (i % 200 = 1 and i > 1)::int)
      from (select i, repeat(${`${DEEP} `}, 1 + i % 4) || 'entry ' || i || case when i % 4 = 0 then ' quarterword' else '' end as b
            from generate_series(1, ${TOTAL}) i) s`;
    newest = await rawSql()<{ id: string; rank: number; created_at: string }[]>`
      select id, ts_rank(search_vector, websearch_to_tsquery('english', ${DEEP}))::float8 as rank,
             to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') as created_at
      from posts where search_vector @@ websearch_to_tsquery('english', ${DEEP})
      order by created_at desc, id desc`;
    expect(newest).toHaveLength(TOTAL);
  });

  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

  /** Bands of 200 by age, each best first (then newest, then id), as far as the 1,000 newest. */
  function expected() {
    return newest
      .slice(0, 1000)
      .map((r, position) => ({ ...r, band: Math.floor(position / 200) }))
      .sort((a, b) => a.band - b.band || b.rank - a.rank || cmp(b.created_at, a.created_at) || cmp(b.id, a.id))
      .map((r) => r.id);
  }

  it.each([
    { path: 'the GIN index (no statistics yet)', analyse: false },
    { path: 'the walk over the newest posts (after ANALYZE)', analyse: true },
  ])('pages through 1,000 results once each, band by band, and says the cap stopped them: $path', async ({ analyse }) => {
    if (analyse) await rawSql()`analyze posts`;
    forgetLexemeStats();
    const pages = await allPages(member, { q: DEEP, limit: 50 });
    const seen = ids(pages);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expected());
    expect(pages).toHaveLength(20);
    expect(pages.slice(0, -1).every((p) => !p.capped && p.nextCursor)).toBe(true);
    expect(pages.at(-1)).toMatchObject({ capped: true, nextCursor: null });
    // Page 1 is the best 50 of the newest 200, as before paging existed.
    expect(pages[0].results.map((r) => r.id)).toEqual(expected().slice(0, 50));
  });

  it('a query with fewer matches than the cap ends without saying it was capped', async () => {
    // 262 matches: all of the newest 200, then the other 62.
    const pages = await allPages(member, { q: 'quarterword', limit: 50, to: '9999-12-31' });
    expect(ids(pages)).toHaveLength(262);
    expect(new Set(ids(pages)).size).toBe(262);
    expect(pages).toHaveLength(6);
    expect(pages.at(-1)).toMatchObject({ capped: false, nextCursor: null });
    const few = await allPages(member, { q: WORD, limit: 50 });
    expect(few).toHaveLength(1);
    expect(few[0]).toMatchObject({ capped: false, nextCursor: null });
  });
});

describe('GET /api/v1/search', () => {
  it('answers nextCursor and takes it back as `cursor`', async () => {
    const first = await api(memberSession, `q=${WORD}&limit=20`);
    expect(first.status).toBe(200);
    expect(first.body.results).toHaveLength(20);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    expect(first.body.capped).toBe(false);
    const second = await api(memberSession, `q=${WORD}&limit=20&cursor=${encodeURIComponent(first.body.nextCursor!)}`);
    expect(second.status).toBe(200);
    expect(second.body.results).toHaveLength(16);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.results, ...second.body.results].map((r) => r.id);
    expect(all).toEqual((await search(member, { q: WORD, limit: 50 })).results.map((r) => r.id));
  });

  it('refuses a cursor it did not hand out with a 400 naming `cursor`, writing nothing', async () => {
    const before = await rowCounts();
    const good = (await search(member, { q: WORD, limit: 2 })).nextCursor!;
    const decoded = JSON.parse(Buffer.from(good, 'base64url').toString('utf8')) as Record<string, unknown>;
    const forged = (change: Record<string, unknown>) => Buffer.from(JSON.stringify({ ...decoded, ...change })).toString('base64url');
    for (const cursor of [
      'garbage',
      '',
      Buffer.from('{"b":0}').toString('base64url'),
      Buffer.from('[]').toString('base64url'),
      forged({ b: 99 }),
      forged({ b: -1 }),
      forged({ r: 'NaN' }),
      forged({ t: '0000-01-01T00:00:00Z' }),
      forged({ i: 'not-a-uuid' }),
      forged({ k: 'thread' }),
      forged({ h: 'x'.repeat(22) }),
      'x'.repeat(2000),
    ]) {
      const { status, body } = await api(memberSession, `q=${WORD}&cursor=${encodeURIComponent(cursor)}`);
      expect(status, cursor).toBe(400);
      expect(body.error?.code).toBe('invalid');
      expect(body.error?.fields?.cursor, cursor).toEqual([expect.any(String)]);
    }
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses dates PostgreSQL cannot take or nobody posted on with a 400 naming the field, and from after to', async () => {
    const before = await rowCounts();
    for (const [query, field] of [
      ['from=0000-01-01', 'from'],
      ['to=0000-12-31', 'to'],
      ['from=1899-12-31', 'from'],
      ['to=0999-06-01', 'to'],
      ['from=2026-02-30', 'from'],
      ['from=10000-01-01', 'from'],
      ['from=2026-03-02&to=2026-03-01', 'to'],
    ] as const) {
      const { status, body } = await api(memberSession, `q=${WORD}&${query}`);
      expect(status, query).toBe(400);
      expect(body.error?.code).toBe('invalid');
      expect(Object.keys(body.error?.fields ?? {}), query).toEqual([field]);
      expect(body.error?.message, query).toMatch(new RegExp(`^${field}: `));
    }
    expect(await rowCounts()).toEqual(before);
    for (const query of ['from=1900-01-01', 'to=9999-12-31', 'from=1900-01-01&to=9999-12-31', 'from=2026-03-01&to=2026-03-01']) {
      expect((await api(memberSession, `q=${WORD}&${query}`)).status, query).toBe(200);
    }
    expect((await errorOf(() => search(member, { q: WORD, from: '0000-01-01' }))).fields).toEqual({ from: [expect.stringMatching(/1900/)] });
  });
});
