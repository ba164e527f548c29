import type postgres from 'postgres';
import { searchQueries } from './corpus';
import { load, percentiles, type LoadResult } from './load';
import { seedBulk } from './seed';

type Cpu = { serverCpu: number; pgCpu: number };
export type SearchFigures = {
  posts: number;
  sequential: { p50: number; p95: number; p99: number } & Cpu;
  perQuery: { q: string; hits: number; median: number }[];
  concurrent?: LoadResult & Cpu;
};

export type SearchBenchContext = {
  base: string;
  cookie: string;
  headers: Record<string, string>;
  sql: postgres.Sql;
  seconds: number;
  log: (s: string) => void;
  withCpu: <T extends { ok: number }>(run: () => Promise<T>) => Promise<T & Cpu>;
};

const ROUNDS = 5;
const searchPath = (q: string) => `/api/v1/search?q=${encodeURIComponent(q)}`;

/**
 * GET /api/v1/search as the signed-in member: one warm-up pass, then every query of `searchQueries` in turn,
 * `ROUNDS` times, one at a time (p50/p95/p99 over all of them, and each query's median), and optionally the
 * same queries round-robin at 4 connections.
 */
export async function measureSearch(ctx: SearchBenchContext, opts: { concurrent: boolean }): Promise<SearchFigures> {
  const { log } = ctx;
  const [{ posts }] = await ctx.sql<{ posts: number }[]>`select count(*)::int as posts from posts`;
  const hits = await queryFrequencies(ctx.sql);
  for (const q of searchQueries) await timedGet(ctx, searchPath(q)); // warm-up
  const times = new Map<string, number[]>(searchQueries.map((q) => [q, []]));
  const sequential = await ctx.withCpu(async () => {
    for (let round = 0; round < ROUNDS; round++) {
      for (const q of searchQueries) times.get(q)!.push(await timedGet(ctx, searchPath(q)));
    }
    return { ...percentiles([...times.values()].flat()), ok: ROUNDS * searchQueries.length };
  });
  log(`  sequential (${ROUNDS} rounds): p50 ${ms(sequential.p50)}  p95 ${ms(sequential.p95)}  p99 ${ms(sequential.p99)}; CPU per request ${sequential.serverCpu.toFixed(1)} ms node + ${sequential.pgCpu.toFixed(1)} ms postgres`);
  log('  per query (posts matched, median ms):');
  const perQuery = searchQueries.map((q) => ({ q, hits: hits.get(q)!, median: percentiles(times.get(q)!).p50 }));
  for (const p of perQuery) log(`    ${p.q.padEnd(22)} ${String(p.hits).padStart(7)}  ${ms(p.median)}`);
  if (!opts.concurrent) return { posts, sequential, perQuery };
  let turn = 0;
  const concurrent = await ctx.withCpu(() => load({
    url: ctx.base + searchPath(searchQueries[0]),
    connections: 4,
    seconds: ctx.seconds,
    headers: ctx.headers,
    next: () => ({ path: searchPath(searchQueries[turn++ % searchQueries.length]) }),
  }));
  return { posts, sequential, perQuery, concurrent };
}

/** The table's rows for one measurement; `label` says which data it ran on. */
export function searchRows(f: SearchFigures, label: string): [string, string, string, boolean | undefined][] {
  const s = f.sequential;
  return [
    [`search p50 / p95 / p99${label}`, `${ms(s.p50)} / ${ms(s.p95)} / ${ms(s.p99)}`, 'p95 < 50 ms', s.p95 < 50],
    [`search CPU per query${label}`, `${s.serverCpu.toFixed(1)} ms node + ${s.pgCpu.toFixed(1)} ms postgres`, '(info)', undefined],
    [`slowest search queries${label}`, [...f.perQuery].sort((a, b) => b.median - a.median).slice(0, 3).map((p) => `${p.q} ${ms(p.median)}`).join(', '), '(info)', undefined],
  ];
}

/**
 * Adds threads and posts (new text from the same corpus, over the same two years) until the posts table
 * holds `target` rows: 20 posts a thread, like the first 100,000. seedBulk rebuilds the indexes and re-analyses.
 */
export async function growPosts(sql: postgres.Sql, target: number, log: (s: string) => void) {
  const [{ before }] = await sql<{ before: number }[]>`select count(*)::int as before from posts`;
  const more = target - before;
  const threads = Math.round(more / 20);
  log(`Growing the data to ${target} posts: ${more} more posts in ${threads} new threads…`);
  const grown = await seedBulk(sql, { threads, posts: more, benchThreadPosts: 20, seed: 7_000_001 }, log);
  const [counts] = await sql<{ threads: number; posts: number }[]>`
    select (select count(*)::int from threads) as threads, (select count(*)::int from posts) as posts`;
  log(`  grown in ${grown.seconds.toFixed(1)} s (database now holds ${counts.threads} threads, ${counts.posts} posts)`);
  return { ...counts, seconds: grown.seconds };
}

async function timedGet(ctx: SearchBenchContext, p: string) {
  const started = performance.now();
  const res = await fetch(ctx.base + p, { headers: { cookie: ctx.cookie } });
  await res.arrayBuffer();
  const took = performance.now() - started;
  if (res.status !== 200) throw new Error(`GET ${p}: HTTP ${res.status}`);
  return took;
}

async function queryFrequencies(sql: postgres.Sql) {
  const out = new Map<string, number>();
  for (const q of searchQueries) {
    const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from posts where search_vector @@ websearch_to_tsquery('english', ${q})`;
    out.set(q, n);
  }
  return out;
}

const ms = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
