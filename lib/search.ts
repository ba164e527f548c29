import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Invalid } from '@/lib/errors';
import { cursorTimestamp, decodeCursor, encodeCursor, exactTimestamp } from '@/lib/forum/keyset-cursor';
import { mayReadChannels, maySeeHiddenPosts, roomVisibleTo } from '@/lib/policy';
import { newestMatchingPostsSql } from '@/lib/search-candidates';
import { parseInput } from '@/lib/validation';
import { escapeHtml } from '@/lib/ui/escape-html';
import { filterDate, ukDayStart } from '@/db/uk-day';

export const searchInput = z
  .object({
    q: z.string().trim().min(2, { message: 'Enter at least 2 characters' }).max(200, { message: 'Search for 200 characters or fewer' }),
    channel: z.string().trim().max(100).optional(),
    author: z.string().trim().max(320).optional(),
    from: filterDate.optional(),
    to: filterDate.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    /** The previous page's `nextCursor` (up to about 600 characters: a position and the band's four bounds). */
    cursor: z.string().min(1, { message: 'Not a valid page cursor' }).max(1000, { message: 'Not a valid page cursor' }).optional(),
  })
  .refine((v) => !(v.from && v.to && v.from > v.to), { path: ['to'], message: 'Use a ‘to’ date the same as or after the ‘from’ date' });

export type SearchResult = {
  kind: 'post' | 'room_post';
  id: string;
  title: string;
  href: string;
  snippetHtml: string;
  authorName: string;
  createdAt: Date;
  channelName: string | null;
  tlp: string | null;
  reference: string | null;
};

export type SearchPage = {
  query: string;
  results: SearchResult[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
  /** The results stopped at the newest MAX_CANDIDATES matching posts: older ones are reached with the date filters. */
  capped: boolean;
};

/**
 * Matching posts are ranked in bands of BAND by age: page 1 shows the best of the newest 200 (as search always did,
 * at the same cost), and once those are all shown the next pages rank the next 200, and so on. Ranking each band
 * on its own keeps every page the same order whatever page it starts from, so paging never repeats or skips a
 * result; one ranking of every match would make page 1 read them all.
 *
 * A band is fixed when it is first ranked, and carried in the cursor, so posts written, edited, hidden or deleted
 * between pages never move a result from one band to another (which would show it twice or never):
 *  - its top: page 1 notes the newest candidate of each list (body matches; threads whose title matches) and later
 *    pages only consider candidates at or older than it, so new posts are left out of the search that began before
 *    them; band b + 1 starts just below band b's last candidates;
 *  - its end: the key of the last (BAND-th) candidate of each list as that band's first ranking saw it. Later pages
 *    of the band take the candidates down to that key, not "the newest 200" again: a post removed from the band (or
 *    from one already passed) leaves a gap instead of pulling the next band's newest in, where it could rank above
 *    the reader's position and never be shown.
 * Keys, not counts: a count is as of one moment, a key stays put however the rows around it change. Bounds are keys
 * of each list's own order ((created_at, id) of a post; (created_at, id) of a thread), exact to the microsecond.
 */
const BAND = 200;
/** Results stop after this many matching posts (`capped`): five bands. */
export const MAX_CANDIDATES = 1000;
const BANDS = MAX_CANDIDATES / BAND;
/**
 * A band ranked again reads this many candidates beyond its BAND: room for posts that came to match inside its
 * bounds since (an edit that adds the word, a hidden post restored) without crowding out its oldest ones.
 */
const SLACK = 50;
const START = '\u0002';
const STOP = '\u0003';
const headlineOptions = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

type Kind = SearchResult['kind'];
/** A candidate's place in its list: exact creation time and id (the post's, or for a title match the thread's). */
const boundKey = z.tuple([cursorTimestamp, z.uuid()]);
/** One bound for each candidate list, [body matches, title matches]; null: that list has no candidate there. */
const boundPair = z.tuple([boundKey.nullable(), boundKey.nullable()]);
type Key = z.infer<typeof boundKey>;
type Pair = z.infer<typeof boundPair>;
/**
 * A band's candidates, per list: `u` the top (band 0: the newest as of page 1, inclusive; later bands: the end of
 * the band before, exclusive; null: none left), `l` the end (the band's last candidate; null: the list's oldest).
 */
type Bounds = { u: Pair; l: Pair };
/**
 * Where a page starts: after the result with this rank, exact creation time, kind and id (the order's key) in band
 * `b`, whose bounds are `u` and `l`; `h` ties the cursor to the search it came from (query and filters, not the page
 * size).
 */
const cursorShape = z.object({
  h: z.string().length(16),
  b: z.number().int().min(0).max(BANDS - 1),
  r: z.number().finite(),
  t: cursorTimestamp,
  k: z.enum(['post', 'room_post']),
  i: z.uuid(),
  u: boundPair,
  l: boundPair,
});
type Position = Pick<z.infer<typeof cursorShape>, 'r' | 't' | 'k' | 'i'>;
type Start = { band: number; after: Position; bounds: Bounds };
type Input = z.infer<typeof searchInput>;

/** Which search a cursor belongs to: a digest of the query and filters as validated. */
function searchKey(input: Input): string {
  const key = JSON.stringify([input.q, input.channel ?? '', input.author ?? '', input.from ?? '', input.to ?? '']);
  return createHash('sha256').update(key).digest('base64url').slice(0, 16);
}

/** Anonymous room posts are signed by organisation type and region, as on the room page; never by name. */
const anonymousAuthorSql = sql.raw(`case ao.type
  when 'acute_trust' then 'an acute trust' when 'ambulance_trust' then 'an ambulance trust'
  when 'mental_health_trust' then 'a mental health trust' when 'icb' then 'an integrated care board'
  when 'csu' then 'a commissioning support unit' else 'an organisation' end
  || case when btrim(ao.region) = '' then '' else ' in ' || btrim(ao.region) end`);

/**
 * Full-text search over public posts and the incident rooms the searcher is a current member of —
 * nothing else is counted, ranked or returned. Access is part of the WHERE. Snippets are plain text,
 * HTML-escaped, with only our own <mark> added.
 * Pages: `nextCursor` (see BAND); a cursor that is not one this search handed out is a 400 naming `cursor`.
 */
export async function search(actor: Actor, raw: unknown): Promise<SearchPage> {
  const input = parseInput(searchInput, raw);
  const key = searchKey(input);
  let start: Start | undefined;
  if (input.cursor) {
    const { h, b, u, l, ...after } = decodeCursor(cursorShape, input.cursor);
    if (h !== key) throw Invalid('That page cursor belongs to a different search', { cursor: ['That page cursor belongs to a different search: start it again'] });
    start = { band: b, after, bounds: { u, l } };
  }
  if (!mayReadChannels(actor)) return { query: input.q, results: [], nextCursor: null, capped: false };
  // One transaction: choosing the candidates sets its planner costs (lib/search-candidates.ts).
  const { rows, capped } = await getDb().transaction((tx) => rankedPage(tx, actor, input, start));
  const shown = rows.slice(0, input.limit);
  const last = shown.at(-1);
  return {
    query: input.q,
    results: shown.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      href: r.href,
      snippetHtml: highlight(r.snippet ?? ''),
      authorName: r.author_name,
      createdAt: new Date(r.created_at),
      channelName: r.channel_name,
      tlp: r.tlp,
      reference: r.reference,
    })),
    nextCursor:
      rows.length > input.limit && last
        ? encodeCursor({ h: key, b: last.band, r: Number(last.rank), t: last.cursor_at, k: last.kind, i: last.id, u: last.bounds.u, l: last.bounds.l })
        : null,
    capped,
  };
}

type Tx = Parameters<Parameters<ReturnType<typeof getDb>['transaction']>[0]>[0];

type Row = {
  kind: Kind;
  id: string;
  title: string;
  href: string;
  snippet: string | null;
  author_name: string;
  created_at: string;
  channel_name: string | null;
  tlp: string | null;
  reference: string | null;
  rank: number | string;
  cursor_at: string;
};
/** A bound as the statement reads it: [exact time, id] text, or null. */
type BoundColumns = { u_body: string[] | null; u_title: string[] | null; l_body: string[] | null; l_title: string[] | null };

/**
 * One page, and one more result to tell whether there is a next: from the start position to the end of its band,
 * then on into the next bands while there are older matching posts, up to BANDS. Page 1 ranks band 0 alone, as
 * before paging: BAND body matches, or BAND title matches, are BAND results, so a band 0 with fewer results than
 * a page holds every match there is.
 */
async function rankedPage(tx: Tx, actor: Actor, input: Input, start: Start | undefined) {
  const rows: (Row & { band: number; bounds: Bounds })[] = [];
  let band = start?.band ?? 0;
  let after: Position | undefined = start?.after;
  let upper: Pair | undefined = start?.bounds.u;
  let lower: Pair | undefined = start?.bounds.l;
  for (;;) {
    const found = await rankedBand(tx, actor, input, { band, after, upper, lower, limit: input.limit + 1 - rows.length, snippets: input.limit - rows.length });
    rows.push(...found.rows.map((r) => ({ ...r, band, bounds: found.bounds })));
    if (rows.length > input.limit || !found.older) return { rows, capped: false };
    if (band + 1 === BANDS) return { rows, capped: true };
    // The next band starts below this one's last candidates; where it ends is found when it is first ranked.
    band += 1;
    after = undefined;
    upper = found.bounds.l;
    lower = undefined;
  }
}

/**
 * The best `limit` matches of one band the actor may read, after `after`, with snippets for the first `snippets`,
 * the band's bounds (see BAND), and whether older matching posts exist beyond it: one statement.
 *
 * Candidates are the body matches, newest first by (created_at, id), and the first posts of threads whose title
 * matches, newest thread first by (created_at, id): the thread's start, which a reply does not move (last activity
 * did, reordering the bands); the thread's own column, not its first post's time, so that list is still read in
 * index order and stops after `candidates` threads, at page 1's cost. A thread is written in the same statement as
 * its first post, so the two times agree for everything posted here.
 *
 * Band b holds the candidates of each list from its top `upper` down to its end: page 1 (band 0, no cursor) ranks
 * the newest BAND of each list, as before paging, and notes both bounds in its cursor; a band first ranked on a
 * later page takes the newest BAND below `upper` (reading one more to know whether any is older), and a band ranked
 * again takes what is left of it down to `lower`. A post in both lists belongs to the earlier of its two bands, so
 * later bands leave out a post the other list put above its `upper`. Incident-room posts are few and all ranked in
 * band 0.
 */
async function rankedBand(
  tx: Tx,
  actor: Actor,
  input: Input,
  opts: { band: number; after?: Position; upper?: Pair; lower?: Pair; limit: number; snippets: number },
) {
  const query = sql`websearch_to_tsquery('english', ${input.q})`;
  // Page 1 ranks the newest BAND with the same reads as before paging (no bounds, no positions, no count of what is
  // older), and only notes the band's bounds from the candidates it read.
  const first = opts.upper === undefined;
  // A band's first ranking finds where it ends; the band ranked again already knows.
  const ranking = opts.lower === undefined;
  const candidates = first ? BAND : ranking ? BAND + 1 : BAND + SLACK;
  // Band 0's top is the newest candidate itself; a later band's is the band before's last candidate.
  const below = (bound: Key | null | undefined, at: SQL, id: SQL) =>
    bound === undefined
      ? sql``
      : bound === null
        ? sql`and false`
        : sql`and (${at}, ${id}) ${sql.raw(opts.band === 0 ? '<=' : '<')} (${bound[0]}::timestamptz, ${bound[1]}::uuid)`;
  const atOrAbove = (bound: Key | null, at: SQL, id: SQL) => (bound === null ? sql`true` : sql`(${at}, ${id}) >= (${bound[0]}::timestamptz, ${bound[1]}::uuid)`);
  // Posts a moderator hid are found only by staff.
  const visible = (alias: string) => (maySeeHiddenPosts(actor) ? sql`` : sql.raw(`and ${alias}.hidden_at is null`));
  const filters = (created: SQL, author: SQL) => sql.join(
    [
      input.from ? sql`and ${created} >= ${ukDayStart(input.from)}` : sql``,
      input.to ? sql`and ${created} < ${ukDayStart(input.to, 1)}` : sql``,
      input.author ? sql`and ${author} in (select id from ${schema.users} where username = ${input.author.toLowerCase().replace(/^@/, '')} or email = ${input.author.toLowerCase()})` : sql``,
    ],
    sql` `,
  );
  const channelJoin = (threadId: SQL) =>
    input.channel
      ? sql`join ${schema.threads} ct on ct.id = ${threadId} join ${schema.channels} cc on cc.id = ct.channel_id and cc.slug = ${input.channel}`
      : sql``;
  // Only the newest matching posts are ranked (lib/search-candidates.ts finds them without reading every match, from
  // the band's top down), so a query costs about the same at 100,000 matches as at 10.
  const bodyHits = await newestMatchingPostsSql(
    tx,
    input.q,
    candidates,
    (p) => sql`
    ${channelJoin(sql.raw(`${p}.thread_id`))}
    where ${sql.raw(p)}.search_vector @@ ${query} and ${sql.raw(p)}.deleted_at is null ${visible(p)}
      ${filters(sql.raw(`${p}.created_at`), sql.raw(`${p}.author_id`))}
      ${below(opts.upper?.[0], sql.raw(`${p}.created_at`), sql.raw(`${p}.id`))}`,
    opts.upper?.[0]?.[0],
  );
  // A thread whose title matches is found through its first post (matching threads sorted first, so the
  // first-post look-up stops after `candidates` of them).
  const titleHits = sql`
    select fp.id, tt.created_at as key_at, tt.id as key_id from (
      select tt.id, tt.created_at from ${schema.threads} tt
      ${channelJoin(sql`tt.id`)}
      where tt.search_vector @@ ${query} ${below(opts.upper?.[1], sql`tt.created_at`, sql`tt.id`)}
      order by tt.created_at desc, tt.id desc
    ) tt
    join lateral (select * from ${schema.posts} f where f.thread_id = tt.id order by f.created_at, f.id limit 1) fp on true
    where fp.deleted_at is null ${visible('fp')}
      ${filters(sql`fp.created_at`, sql`fp.author_id`)}
    order by tt.created_at desc, tt.id desc
    limit ${candidates}`;
  // Which of the candidates read are the band's: all on page 1, the newest BAND on its first ranking, else down to its end.
  const inBand = (end: Key | null | undefined) =>
    first ? sql`true` : end === undefined ? sql`pos <= ${BAND}` : end === null ? sql`true` : atOrAbove(end, sql`key_at`, sql`key_id`);
  const hits = sql`select id from body where ${inBand(opts.lower?.[0])} union select id from titles where ${inBand(opts.lower?.[1])}`;
  // A later band's post that the other list put in an earlier band was ranked there (as a title match: the first
  // post of a thread whose title matches).
  const upper = opts.upper;
  const notEarlier =
    opts.band === 0 || !upper
      ? sql``
      : sql`where not (p.search_vector @@ ${query} and ${atOrAbove(upper[0], sql`p.created_at`, sql`p.id`)})
          and not (t.search_vector @@ ${query} and ${atOrAbove(upper[1], sql`t.created_at`, sql`t.id`)}
            and not exists (select from ${schema.posts} e where e.thread_id = p.thread_id and (e.created_at, e.id) < (p.created_at, p.id)))`;
  const publicPosts = sql`
    select 'post' as kind, p.id, t.title, '/threads/' || t.id || '#post-' || p.id as href, p.body_text as text,
           u.name as author_name, p.created_at, c.name as channel_name, null::text as tlp, null::text as reference,
           ts_rank(p.search_vector, ${query}) + case when t.search_vector @@ ${query} then 0.5 else 0 end as rank
    from (${hits}) hits
    join ${schema.posts} p on p.id = hits.id
    join ${schema.threads} t on t.id = p.thread_id
    join ${schema.channels} c on c.id = t.channel_id
    join ${schema.users} u on u.id = p.author_id
    ${notEarlier}`;
  const roomPosts = sql`
    select 'room_post' as kind, rp.id, ${schema.incidentRooms.title} as title, '/incidents/' || ${schema.incidentRooms.id} || '#post-' || rp.id as href,
           rp.body_text as text,
           case when rp.anonymous then ${anonymousAuthorSql} else u.name end as author_name, rp.created_at, null::text as channel_name, rp.tlp::text as tlp,
           ${schema.incidentRooms.reference} as reference, ts_rank(rp.search_vector, ${query}) as rank
    from ${schema.roomPosts} rp
    join ${schema.incidentRooms} on ${schema.incidentRooms.id} = rp.room_id
    join ${schema.users} u on u.id = rp.author_id
    join ${schema.organisations} ao on ao.id = u.organisation_id
    where rp.search_vector @@ ${query} and ${roomVisibleTo(actor)}
      ${input.author ? sql`and not rp.anonymous` : sql``}
      ${filters(sql`rp.created_at`, sql`rp.author_id`)}`;
  // `rank` is float8 (real + numeric), room posts' real widened to it: exact in a cursor as a JS number.
  const union = input.channel || opts.band > 0 ? publicPosts : sql`${publicPosts} union all ${roomPosts}`;
  const after = opts.after
    ? sql`where (rank, created_at, kind, id) < (${String(opts.after.r)}::float8, ${opts.after.t}::timestamptz, ${opts.after.k}::text, ${opts.after.i}::uuid)`
    : sql``;
  const order = sql`rank desc, created_at desc, kind desc, id desc`;
  // Snippets only for the results shown, not the one read to tell whether there is a next page.
  const page = sql`
    select kind, id, title, href, author_name, created_at, channel_name, tlp, reference, rank, n,
           ${exactTimestamp(sql`created_at`)} as cursor_at,
           case when n <= ${opts.snippets} then ts_headline('english', text, ${query}, ${headlineOptions}) end as snippet
    from (
      select *, row_number() over (order by ${order}) as n
      from (select * from (${union}) matches ${after} order by ${order} limit ${opts.limit}) best
    ) hits`;
  // The bounds this statement finds: page 1 the tops (each list's newest), a first ranking the ends (its BAND-th,
  // when an older one was read; page 1 reads no more than BAND, so its BAND-th when there are BAND).
  const bound = (list: string, pos: number, more = sql``) =>
    sql`(select array[${exactTimestamp(sql`key_at`)}, key_id::text] from ${sql.raw(list)} where pos = ${pos} ${more})`;
  const top = (list: string) => bound(list, 1);
  const end = (list: string) =>
    !ranking ? sql`null::text[]` : bound(list, BAND, first ? sql`` : sql`and exists (select from ${sql.raw(list)} o where o.pos = ${BAND + 1})`);
  const lists = sql`
    with body as (select id, created_at as key_at, id as key_id, row_number() over (order by created_at desc, id desc) as pos from (${bodyHits}) b),
    titles as (select id, key_at, key_id, row_number() over (order by key_at desc, key_id desc) as pos from (${titleHits}) t)`;
  // Page 1 has results whenever it has bounds to hand on, so they ride on its rows (the cheapest form measured); a
  // later band may have none to show but still bounds and an answer to "older?", so it always returns one row.
  const rows = first
    ? await tx.execute<Row & BoundColumns>(sql`
    ${lists}
    select *, ${top('body')} as u_body, ${top('titles')} as u_title, ${end('body')} as l_body, ${end('titles')} as l_title
    from (${page}) hits order by n`)
    : await tx.execute<Row & BoundColumns>(sql`
    ${lists}
    select bounds.*, hits.* from (select null::text[] as u_body, null::text[] as u_title, ${end('body')} as l_body, ${end('titles')} as l_title) bounds
    left join lateral (${page}) hits on true
    order by hits.n`);
  const head = rows[0];
  const asKey = (v: string[] | null | undefined): Key | null => (v ? [v[0], v[1]] : null);
  const bounds: Bounds = {
    u: opts.upper ?? [asKey(head?.u_body), asKey(head?.u_title)],
    l: opts.lower ?? [asKey(head?.l_body), asKey(head?.l_title)],
  };
  // Older candidates: the band ends before a list's oldest (on page 1 perhaps exactly at it: the next band is empty).
  return { rows: rows.filter((r) => r.id !== null), bounds, older: bounds.l[0] !== null || bounds.l[1] !== null };
}

function highlight(snippet: string) {
  return escapeHtml(snippet.replaceAll(START, '\u0000s').replaceAll(STOP, '\u0000e'))
    .replaceAll('\u0000s', '<mark>')
    .replaceAll('\u0000e', '</mark>');
}
