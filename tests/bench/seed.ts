import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type postgres from 'postgres';
import { escapeHtml, postParagraphs, rng, threadTitle, type Rng } from './corpus';

/** `seed` varies the text and threads, so a second call (growing the data) adds new content rather than copies. */
export type SeedPlan = { threads: number; posts: number; benchThreadPosts: number; seed?: number };
export type Seeded = { benchThreadId: string; writeThreadIds: string[]; threads: number; posts: number; seconds: number };

const DAY = 86_400_000;

/**
 * Bulk data straight into PostgreSQL with COPY: threads first, then their posts, with the threads'
 * post_count / last_post_at / last_poster_id matching the posts. The posts' secondary indexes are dropped
 * for the load and rebuilt from their own definitions afterwards (much faster than maintaining a GIN index
 * row by row), then VACUUM ANALYZE so the planner sees the real table.
 */
export async function seedBulk(sql: postgres.Sql, plan: SeedPlan, log: (s: string) => void): Promise<Seeded> {
  const started = performance.now();
  const r = rng(plan.seed ?? 20240517);
  const channels = (await sql<{ id: string }[]>`select id from channels where archived_at is null order by position`).map((c) => c.id);
  const users = (await sql<{ id: string }[]>`select id from users where status = 'active' order by email`).map((u) => u.id);
  if (!channels.length || !users.length) throw new Error('No demo channels or users: did the server seed its demo?');

  const counts = postCounts(r, plan);
  const benchIndex = Math.floor(plan.threads / 2);
  const now = Date.now();
  type ThreadPlan = { id: string; channelId: string; authorIdx: number; title: string; times: number[]; authors: number[] };
  const threads: ThreadPlan[] = counts.map((n) => {
    // Threads start over the last two years; replies follow minutes to days apart, never in the future.
    const start = now - Math.floor((30 + r() * 700) * DAY);
    const times: number[] = [];
    const authors: number[] = [];
    let t = start;
    for (let i = 0; i < n; i++) {
      times.push(Math.min(t, now - 60_000 - (n - i)));
      authors.push(Math.floor(r() * users.length));
      t += Math.floor(60_000 + r() * r() * 2 * DAY);
    }
    return { id: randomUUID(), channelId: channels[Math.floor(r() * channels.length)], authorIdx: authors[0], title: threadTitle(r), times, authors };
  });

  const indexes = await sql<{ indexname: string; indexdef: string }[]>`
    select i.indexname, i.indexdef from pg_indexes i
    where i.schemaname = current_schema() and i.tablename = 'posts'
      and i.indexname not in (select conname from pg_constraint where conrelid = 'posts'::regclass)`;
  for (const ix of indexes) await sql.unsafe(`drop index "${ix.indexname}"`);

  const copyStarted = performance.now();
  await sql.begin(async (tx) => {
    const threadLines = function* () {
      for (const th of threads) {
        const last = th.times.length - 1;
        yield row([
          th.id, th.channelId, users[th.authorIdx], th.title, String(th.times.length),
          iso(th.times[last]), users[th.authors[last]], iso(th.times[0]),
        ]);
      }
    };
    await copy(tx, 'copy threads (id, channel_id, author_id, title, post_count, last_post_at, last_poster_id, created_at) from stdin', threadLines());
  });
  // Two COPYs at once: PostgreSQL spends most of the load computing each post's tsvector, on one core per connection.
  const postLines = function* (part: number, parts: number) {
    const words = rng((plan.seed ?? 0) + 1000 + part);
    for (let t = part; t < threads.length; t += parts) {
      const th = threads[t];
      for (let i = 0; i < th.times.length; i++) {
        const paragraphs = postParagraphs(words);
        const markdown = paragraphs.join('\n\n');
        const html = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
        yield row([th.id, users[th.authors[i]], markdown, html, markdown, iso(th.times[i])]);
      }
    }
  };
  await Promise.all(
    [0, 1].map((part) =>
      sql.begin(async (tx) => {
        await tx`set local synchronous_commit = off`;
        await copy(tx, 'copy posts (thread_id, author_id, body_markdown, body_html, body_text, created_at) from stdin', postLines(part, 2));
      }),
    ),
  );
  log(`  copied ${plan.threads} threads and ${plan.posts} posts in ${seconds(copyStarted)} s`);

  const indexStarted = performance.now();
  const gin = indexes.filter((i) => /using gin/i.test(i.indexdef));
  const others = indexes.filter((i) => !gin.includes(i));
  await Promise.all(
    [gin, others].map((group) =>
      sql.begin(async (tx) => {
        await tx`set local maintenance_work_mem = '256MB'`;
        for (const ix of group) await tx.unsafe(ix.indexdef);
      }),
    ),
  );
  log(`  rebuilt ${indexes.length} post indexes (${indexes.map((i) => i.indexname).join(', ')}) in ${seconds(indexStarted)} s`);
  const vacuumStarted = performance.now();
  await sql.unsafe('vacuum analyze');
  log(`  vacuum analyze in ${seconds(vacuumStarted)} s`);

  const writeThreadIds = threads.filter((_, i) => i !== benchIndex && i % 25 === 0).map((t) => t.id);
  return {
    benchThreadId: threads[benchIndex].id,
    writeThreadIds,
    threads: plan.threads,
    posts: plan.posts,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * How many posts each thread gets: every thread has at least one, the benchmark thread exactly
 * `benchThreadPosts`, and the rest spread with an exponential tail (most threads short, a few long).
 */
function postCounts(r: Rng, plan: SeedPlan): number[] {
  const bench = Math.floor(plan.threads / 2);
  const others = plan.threads - 1;
  const spare = plan.posts - plan.benchThreadPosts - others;
  if (spare < 0) throw new Error('Not enough posts for the threads');
  const weights = Array.from({ length: plan.threads }, (_, i) => (i === bench ? 0 : -Math.log(1 - r())));
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w, i) => (i === bench ? plan.benchThreadPosts : 1 + Math.floor((w / total) * spare)));
  let missing = plan.posts - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; missing > 0; i = (i + 1) % plan.threads) {
    if (i === bench) continue;
    counts[i]++;
    missing--;
  }
  return counts;
}

async function copy(tx: postgres.TransactionSql, statement: string, lines: Iterable<string>) {
  const writable = await tx.unsafe(statement).writable();
  await pipeline(Readable.from(chunked(lines)), writable);
}

/** Joins lines into ~256 KiB chunks: one stream write per line is needlessly slow. */
function* chunked(lines: Iterable<string>) {
  let buffer = '';
  for (const line of lines) {
    buffer += line;
    if (buffer.length > 256 * 1024) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer) yield buffer;
}

/** One line of COPY's text format. */
function row(values: string[]) {
  return `${values.map((v) => v.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!)).join('\t')}\n`;
}

const iso = (ms: number) => new Date(ms).toISOString();
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
