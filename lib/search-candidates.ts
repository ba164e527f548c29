import { sql, type SQL } from 'drizzle-orm';
import type { getDb } from '@/db/client';

type Db = Pick<ReturnType<typeof getDb>, 'execute'>;
/** The join and WHERE clause (text match, visibility, filters) for posts under the given alias. */
export type PostCondition = (alias: string) => SQL;

/**
 * Relative cost of the two ways to find the newest N matches, measured at 1,000,000 posts: walking
 * posts_created_idx newest-first reads ≈ N / share rows (≈2.4 µs each); the GIN index reads every match
 * (≈3.7 µs each, a heap page per match) and sorts them. The GIN path wins when share² × posts < WALK_PER_MATCH × N.
 */
const WALK_PER_MATCH = 2.4 / 3.7;
/** The walk reads this many times the rows the share predicts, then leaves older posts to the GIN index. */
const WALK_MARGIN = 3;
const MAX_WALK = 30_000;
const STATS_TTL_MS = 5 * 60_000;

/** `rare`: the share of a word ANALYZE did not keep is at most that of the rarest word it kept. */
type LexemeStats = { posts: number; share: Map<string, number>; rare: number; at: number };
let stats: LexemeStats | undefined;

/**
 * A subquery (`id`, `created_at`) of the newest `limit` posts meeting `where`: exactly the rows of
 * `… where <condition> order by created_at desc, id desc limit <limit>` (ties broken by id, so the newest 200 are
 * one set and search's next pages rank the same posts page 1 did), but found without reading every match of a
 * common word nor walking the whole created_at index for a rare one. PostgreSQL's planner chooses between
 * those two plans on an estimate that multiplies the words' frequencies, far too low for words that appear
 * together ("Fortinet FortiGate": 4,000 estimated, 62,000 real at 1,000,000 posts), so the choice is made here
 * from the lexeme frequencies ANALYZE keeps (pg_stats), taking the rarest word as the query's share:
 *  - rare: all matches through the GIN index, then the newest (MATERIALIZED keeps the planner off the walk);
 *  - common: a walk over only the newest posts, as many as the share says hold `limit` matches (with a margin);
 *    if the words turn out rarer together than alone, the older posts' matches come from the GIN index.
 * Run it in a transaction: its one statement also sets that transaction's planner costs (`plannerCosts`) for
 * the statement that uses the subquery.
 *
 * `notAfter` (exact timestamp text, lib/forum/keyset-cursor.ts): the walk starts at the posts created at or before
 * it instead of the newest (search's later bands, which `where` bounds by a post's (created_at, id): the walk would
 * otherwise spend its window on the newer posts `where` leaves out). `where` must leave out every newer post itself.
 */
export async function newestMatchingPostsSql(db: Db, q: string, limit: number, where: PostCondition, notAfter?: string): Promise<SQL> {
  const [parsed] = await db.execute<{ query: string; posts: number }>(sql`
    select websearch_to_tsquery('english', ${q})::text as query, greatest(reltuples, 0)::float8 as posts, ${plannerCosts}
    from pg_class where oid = 'posts'::regclass`);
  const posts = Number(parsed.posts);
  const { share, rare } = await lexemeStats(db, posts);
  const window = walkWindow(matchShare(parsed.query, share, rare), posts, limit);
  if (window === undefined) return gin(limit, where);
  // Fewer than `limit` matches among the newest `window` posts: the rest are older (or do not exist), and the
  // GIN index finds them (not even read otherwise: a one-time filter). Posts that share an instant (a bulk import)
  // must not be cut in two, or the id tie-break could not pick among them: WITH TIES keeps every match of the
  // oldest kept instant the window holds, and when other posts share that instant the window may have ended among
  // them, so the older matches are read too (rare: two posts created in the same microsecond). A post found twice
  // counts once (UNION). With `notAfter`, "the newest" are the newest at or before it, throughout.
  const upTo = notAfter === undefined ? sql`` : sql`where created_at <= ${notAfter}::timestamptz`;
  return sql`
    with walked as materialized (
      select w.id, w.created_at from (
        select id, thread_id, author_id, created_at, search_vector, deleted_at, hidden_at
        from posts ${upTo} order by created_at desc limit ${window}
      ) w
      ${where('w')}
      order by w.created_at desc
      fetch first ${limit} rows with ties
    ), older as materialized (
      select g.id, g.created_at from posts g ${where('g')}
        and g.created_at <= (select created_at from posts ${upTo} order by created_at desc offset ${window - 1} limit 1)
        and ((select count(*) from walked) < ${limit}
          or exists (select from posts t where t.created_at = (select min(created_at) from walked) offset 1))
    )
    select id, created_at from (select * from walked union select * from older) found
    order by created_at desc, id desc limit ${limit}`;
}

/** The ids `newestMatchingPostsSql` selects, newest first (then by id). */
export async function newestMatchingPosts(db: Db, q: string, limit: number, where: PostCondition, notAfter?: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(
    sql`select id from (${await newestMatchingPostsSql(db, q, limit, where, notAfter)}) found order by created_at desc, id desc`,
  );
  return rows.map((r) => r.id);
}

/**
 * The planner's default costs assume table pages come from disk, so for a word in 2% of thread titles it
 * prefers a parallel scan of all 50,000 threads (≈20 ms) to the GIN index (≈2 ms), and for the walk over the
 * newest 30,000 of 100,000 posts a full sort. Search reads tables and indexes that are in memory: price random
 * reads accordingly and skip parallel workers, whose start-up costs more than the short scans they would share.
 * Transaction-local (`set_config(…, true)`).
 */
const plannerCosts = sql`set_config('random_page_cost', '1.1', true), set_config('max_parallel_workers_per_gather', '0', true)`;

/**
 * How many of the newest posts to walk for a query matching at most `share` of `posts`, or undefined when
 * reading every match through the GIN index is cheaper.
 */
export function walkWindow(share: number, posts: number, limit: number): number | undefined {
  if (share * share * posts < WALK_PER_MATCH * limit) return undefined;
  return Math.min(MAX_WALK, Math.ceil((WALK_MARGIN * limit) / share));
}

/** Forgets the cached lexeme statistics (after ANALYZE, when they must count at once). */
export function forgetLexemeStats() {
  stats = undefined;
}

/** Every match through the GIN index, newest first: MATERIALIZED stops the planner from walking created_at instead. */
function gin(limit: number, where: PostCondition): SQL {
  return sql`
    with matches as materialized (select g.id, g.created_at from posts g ${where('g')})
    select id, created_at from matches order by created_at desc, id desc limit ${limit}`;
}

/**
 * An upper bound on the share of posts matching a tsquery: the rarest of its words when they must all appear,
 * 1 (unknown) when the query has alternatives or exclusions. A word ANALYZE did not keep has the share `rare`.
 */
export function matchShare(tsquery: string, lexemeShare: Map<string, number>, rare: number): number {
  const lexemes = [...tsquery.matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1].replaceAll("''", "'"));
  if (!lexemes.length) return 0;
  if (/[|!]/.test(tsquery.replace(/'(?:[^']|'')*'/g, ''))) return 1;
  return Math.min(...lexemes.map((l) => lexemeShare.get(l) ?? rare));
}

/**
 * The share of posts each frequent lexeme appears in, from pg_stats; cached, and read again after STATS_TTL_MS
 * or when the table's size (pg_class.reltuples, read with every query) has moved by a tenth since.
 */
async function lexemeStats(db: Db, posts: number): Promise<LexemeStats> {
  if (stats && Date.now() - stats.at < STATS_TTL_MS && Math.abs(posts - stats.posts) <= stats.posts / 10) return stats;
  const rows = await db.execute<{ elems: string[] | null; freqs: number[] | null }>(sql`
    select most_common_elems::text::text[] as elems, most_common_elem_freqs::float8[] as freqs
    from pg_stats where schemaname = current_schema() and tablename = 'posts' and attname = 'search_vector'`);
  // most_common_elem_freqs: one share per kept lexeme, then the lowest and highest of them, then nulls' share.
  const [row] = rows;
  const elems = row?.elems ?? [];
  const freqs = (row?.freqs ?? []).map(Number);
  const share = new Map(elems.map((lexeme, i) => [lexeme, freqs[i]]));
  stats = { posts, share, rare: freqs[elems.length] ?? 0, at: Date.now() };
  return stats;
}
