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
import { ukDayStart } from '@/db/uk-day';

/**
 * The one rule for search's date filters, used by the API (`searchInput`) and the search page alike: a real
 * `YYYY-MM-DD` date from 1900 to 9999. Nothing was posted before 1900, and PostgreSQL refuses year 0 (a 500 before).
 */
export const FIRST_SEARCH_DATE = '1900-01-01';
export const LAST_SEARCH_DATE = '9999-12-31';
export function isSearchableDate(iso: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && iso >= FIRST_SEARCH_DATE && iso <= LAST_SEARCH_DATE;
}
const searchDate = z.iso
  .date({ message: 'Use a date like 2026-01-31' })
  .refine(isSearchableDate, { message: `Use a date from ${FIRST_SEARCH_DATE} to ${LAST_SEARCH_DATE}` });

export const searchInput = z
  .object({
    q: z.string().trim().min(2, { message: 'Enter at least 2 characters' }).max(200, { message: 'Search for 200 characters or fewer' }),
    channel: z.string().trim().max(100).optional(),
    author: z.string().trim().max(320).optional(),
    from: searchDate.optional(),
    to: searchDate.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    /** The previous page's `nextCursor`. */
    cursor: z.string().min(1, { message: 'Not a valid page cursor' }).max(500, { message: 'Not a valid page cursor' }).optional(),
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
 */
const BAND = 200;
/** Results stop after this many matching posts (`capped`): the deepest band finds the newest 1,000 to rank its 200. */
export const MAX_CANDIDATES = 1000;
const BANDS = MAX_CANDIDATES / BAND;
const START = '\u0002';
const STOP = '\u0003';
const headlineOptions = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

type Kind = SearchResult['kind'];
/**
 * Where a page starts: after the result with this rank, exact creation time, kind and id (the order's key) in band
 * `b`; `h` ties the cursor to the search it came from (query and filters, not the page size).
 */
const cursorShape = z.object({
  h: z.string().length(16),
  b: z.number().int().min(0).max(BANDS - 1),
  r: z.number().finite(),
  t: cursorTimestamp,
  k: z.enum(['post', 'room_post']),
  i: z.uuid(),
});
type Position = Omit<z.infer<typeof cursorShape>, 'h'>;
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
  let start: Position | undefined;
  if (input.cursor) {
    const { h, ...position } = decodeCursor(cursorShape, input.cursor);
    if (h !== key) throw Invalid('That page cursor belongs to a different search', { cursor: ['That page cursor belongs to a different search: start it again'] });
    start = position;
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
      rows.length > input.limit && last ? encodeCursor({ h: key, b: last.band, r: Number(last.rank), t: last.cursor_at, k: last.kind, i: last.id }) : null,
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

/**
 * One page, and one more result to tell whether there is a next: from the start position to the end of its band,
 * then on into the next bands while there are older matching posts, up to BANDS. Page 1 ranks band 0 alone, as
 * before paging: BAND body matches, or BAND title matches, are BAND results, so a band 0 with fewer results than
 * a page holds every match there is.
 */
async function rankedPage(tx: Tx, actor: Actor, input: Input, start: Position | undefined) {
  const rows: (Row & { band: number })[] = [];
  let band = start?.b ?? 0;
  let after: Position | undefined = start;
  for (;;) {
    const found = await rankedBand(tx, actor, input, { band, after, limit: input.limit + 1 - rows.length, snippets: input.limit - rows.length });
    rows.push(...found.rows.map((r) => ({ ...r, band })));
    if (rows.length > input.limit || !found.older) return { rows, capped: false };
    if (band + 1 === BANDS) return { rows, capped: true };
    band += 1;
    after = undefined;
  }
}

/**
 * The best `limit` matches of one band the actor may read, after `after`, with snippets for the first `snippets`,
 * and whether older matching posts exist beyond it: one statement.
 *
 * Band b ranks the posts among the newest (b + 1) × BAND body matches or first posts of title matches that are not
 * among the newest b × BAND of either (those were band b − 1's or before): "newest" is a total order (created_at,
 * then id; last activity, then thread id), so every page sees the same bands. Incident-room posts are few and all
 * ranked in band 0.
 */
async function rankedBand(tx: Tx, actor: Actor, input: Input, opts: { band: number; after?: Position; limit: number; snippets: number }) {
  const query = sql`websearch_to_tsquery('english', ${input.q})`;
  // Page 1 ranks the newest BAND exactly as before paging: no positions and no count of what is older.
  const first = opts.band === 0 && !opts.after;
  const window = BAND * (opts.band + 1);
  // Later pages read one more candidate of each kind, to know whether any is older than the band.
  const candidates = first ? window : window + 1;
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
  // Only the newest matching posts are ranked (lib/search-candidates.ts finds them without reading every match),
  // so a query costs about the same at 100,000 matches as at 10.
  const bodyHits = await newestMatchingPostsSql(tx, input.q, candidates, (p) => sql`
    ${channelJoin(sql.raw(`${p}.thread_id`))}
    where ${sql.raw(p)}.search_vector @@ ${query} and ${sql.raw(p)}.deleted_at is null ${visible(p)}
      ${filters(sql.raw(`${p}.created_at`), sql.raw(`${p}.author_id`))}`);
  // A thread whose title matches is found through its first post (matching threads sorted first, so the
  // first-post look-up stops after `candidates` of them).
  const titleHits = sql`
    select fp.id, tt.last_post_at, tt.id as thread_id from (
      select tt.id, tt.last_post_at from ${schema.threads} tt
      ${channelJoin(sql`tt.id`)}
      where tt.search_vector @@ ${query}
      order by tt.last_post_at desc, tt.id desc
    ) tt
    join lateral (select * from ${schema.posts} f where f.thread_id = tt.id order by f.created_at, f.id limit 1) fp on true
    where fp.deleted_at is null ${visible('fp')}
      ${filters(sql`fp.created_at`, sql`fp.author_id`)}
    order by tt.last_post_at desc, tt.id desc
    limit ${candidates}`;
  const hits = first
    ? sql`select id from (${bodyHits}) body_hits union select id from (${titleHits}) title_hits`
    : sql`select id from (select id, pos from body union all select id, pos from titles) h
          group by id having min(pos) > ${window - BAND} and min(pos) <= ${window}`;
  const publicPosts = sql`
    select 'post' as kind, p.id, t.title, '/threads/' || t.id || '#post-' || p.id as href, p.body_text as text,
           u.name as author_name, p.created_at, c.name as channel_name, null::text as tlp, null::text as reference,
           ts_rank(p.search_vector, ${query}) + case when t.search_vector @@ ${query} then 0.5 else 0 end as rank
    from (${hits}) hits
    join ${schema.posts} p on p.id = hits.id
    join ${schema.threads} t on t.id = p.thread_id
    join ${schema.channels} c on c.id = t.channel_id
    join ${schema.users} u on u.id = p.author_id`;
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
  if (first) {
    const rows = await tx.execute<Row>(sql`${page} order by n`);
    return { rows: [...rows], older: false };
  }
  const rows = await tx.execute<Row & { older: boolean }>(sql`
    with body as (select id, row_number() over (order by created_at desc, id desc) as pos from (${bodyHits}) b),
    titles as (select id, row_number() over (order by last_post_at desc, thread_id desc) as pos from (${titleHits}) t)
    select band.older, hits.* from (
      select (select count(*) from body) > ${window} or (select count(*) from titles) > ${window} as older
    ) band
    left join lateral (${page}) hits on true
    order by hits.n`);
  return { rows: rows.filter((r) => r.id !== null), older: Boolean(rows[0]?.older) };
}

function highlight(snippet: string) {
  return escapeHtml(snippet.replaceAll(START, '\u0000s').replaceAll(STOP, '\u0000e'))
    .replaceAll('\u0000s', '<mark>')
    .replaceAll('\u0000e', '</mark>');
}
