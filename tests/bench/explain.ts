import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

type Captured = { query: string; params: unknown[] };

/**
 * `--explain`: runs the real use cases (getThread and the actor/header look-ups the page makes, and search)
 * in this process against the bench database, captures the exact SQL they send (postgres.js's debug hook),
 * and prints EXPLAIN (ANALYZE, BUFFERS) for each. No copy of the queries is kept here, so it cannot drift.
 */
export async function explainAll(databaseUrl: string, threadId: string, email: string, queries: string[], log: (s: string) => void) {
  process.env.DATABASE_URL = databaseUrl;
  let captured: Captured[] = [];
  const traced = postgres(databaseUrl, {
    max: 1,
    onnotice: () => {},
    debug: (_connection, query, params) => captured.push({ query, params: params as unknown[] }),
  });
  const plain = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const { schema } = await import('../../db/client');
    // db/client caches its pool on globalThis under this key; put the traced one there.
    (globalThis as Record<string, unknown>).__watchroomDb = { url: databaseUrl, sql: traced, db: drizzle(traced, { schema }) };
    const { loadSession } = await import('../../lib/auth/actor');
    const { createSession } = await import('../../lib/auth/sessions');
    const { getDb } = await import('../../db/client');
    const { getThread } = await import('../../lib/forum/get-thread');
    const { search } = await import('../../lib/search');

    const [user] = await plain<{ id: string; session_version: number }[]>`select id, session_version from users where email = ${email}`;
    const sessionId = await createSession(getDb(), user.id, { userAgent: 'bench' }, true);
    const actor = (await loadSession(sessionId, user.id, user.session_version))!.actor;

    log('\n=== EXPLAIN: thread page queries (actor check, header, getThread) ===');
    captured = [];
    let started = performance.now();
    // The session check and the header (organisation, unread count) are one query.
    await loadSession(sessionId, user.id, user.session_version, undefined, { withHeader: true });
    const thread = await getThread(actor, threadId);
    log(`in-process: ${captured.length} queries, ${(performance.now() - started).toFixed(1)} ms, ${thread.posts.length} posts`);
    for (const c of captured) await explain(plain, c, log, true);

    log('\n=== EXPLAIN: search (one line per query; full plans for the two slowest) ===');
    const timed: { q: string; inProcess: number; execution: number; plan: string[]; captured: Captured }[] = [];
    for (const q of queries) {
      await search(actor, { q }); // warm
      captured = [];
      started = performance.now();
      await search(actor, { q });
      const inProcess = performance.now() - started;
      // Search sends a few statements (candidates, then ranking): each one's execution time, the slowest's plan kept.
      const statements = [...captured];
      let slowest: { execution: number; plan: string[]; captured: Captured } | undefined;
      const parts: string[] = [];
      // In one transaction, as search runs them (its transaction-local planner settings apply).
      await plain.begin(async (tx) => {
        for (const c of statements.filter((c) => /^\s*(select|with)\b/i.test(c.query))) {
          const plan = await explain(tx, c, log, false);
          const execution = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1] ?? NaN);
          parts.push(execution.toFixed(1));
          if (!slowest || execution > slowest.execution) slowest = { execution, plan, captured: c };
        }
      });
      const execution = parts.reduce((a, b) => a + Number(b), 0);
      timed.push({ q, inProcess, execution, plan: slowest!.plan, captured: slowest!.captured });
      log(`  ${q.padEnd(22)} in-process ${inProcess.toFixed(1).padStart(6)} ms   EXPLAIN ANALYZE execution ${execution.toFixed(1).padStart(6)} ms (${parts.join(' + ')})`);
    }
    for (const t of [...timed].sort((a, b) => b.execution - a.execution).slice(0, 2)) {
      log(`\n--- search "${t.q}": its slowest statement ---\n${t.captured.query.trim()}\n${t.plan.join('\n')}`);
    }
  } finally {
    await traced.end({ timeout: 5 });
    await plain.end({ timeout: 5 });
  }
}

async function explain(sql: postgres.Sql | postgres.TransactionSql, c: Captured, log: (s: string) => void, print: boolean): Promise<string[]> {
  const rows = await sql.unsafe(`explain (analyze, buffers) ${c.query}`, c.params as postgres.ParameterOrJSON<never>[]);
  const plan = rows.map((r) => String((r as Record<string, unknown>)['QUERY PLAN']));
  if (print) log(`\n${c.query.trim()}\n${plan.join('\n')}`);
  return plan;
}
