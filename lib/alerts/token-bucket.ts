import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

/**
 * A token bucket kept in PostgreSQL, so every app process shares one budget for Notify's rate limit.
 * `take` is one atomic statement: it refills by elapsed time, and takes `n` tokens only if they are there.
 * It answers how long to wait when they are not.
 */
export type BucketSpec = { name: string; capacity: number; refillPerSecond: number };

export async function takeTokens(spec: BucketSpec, n: number): Promise<{ ok: true } | { ok: false; waitMs: number }> {
  const { name, capacity, refillPerSecond } = spec;
  const refilled = sql`least(${capacity}::float8, b.tokens + extract(epoch from (clock_timestamp() - b.updated_at)) * ${refillPerSecond}::float8)`;
  const db = getDb();
  const rows = await db.execute<{ found: boolean; taken: boolean; tokens: number }>(sql`
    with current as (select b.name, ${refilled} as tokens from rate_buckets b where b.name = ${name} for update),
    took as (
      update rate_buckets b set tokens = current.tokens - ${n}::float8, updated_at = clock_timestamp()
      from current where b.name = current.name and current.tokens >= ${n}::float8
      returning true as taken
    )
    select exists (select 1 from current) as found, coalesce((select taken from took), false) as taken,
           coalesce((select tokens from current), 0) as tokens`);
  const row = rows[0];
  if (row.taken) return { ok: true };
  if (!row.found) {
    // First use of this bucket: create it full, then take as usual.
    await db.execute(sql`insert into rate_buckets (name, tokens, updated_at) values (${name}, ${capacity}::float8, clock_timestamp()) on conflict (name) do nothing`);
    return takeTokens(spec, n);
  }
  const missing = n - Number(row.tokens);
  return { ok: false, waitMs: Math.max(Math.ceil((missing / refillPerSecond) * 1000), 5) };
}

/** Waits until `n` tokens are taken (or `signal` aborts). */
export async function acquireTokens(spec: BucketSpec, n: number, signal?: AbortSignal): Promise<void> {
  for (;;) {
    if (signal?.aborted) throw new Error('aborted');
    const result = await takeTokens(spec, n);
    if (result.ok) return;
    await new Promise((resolve) => setTimeout(resolve, Math.min(result.waitMs || 20, 1000)));
  }
}
