import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';

/**
 * A token bucket kept in PostgreSQL, so every app process shares one budget for Notify's rate limit.
 * `take` is one atomic statement: it refills by elapsed time, and takes `n` tokens only if they are there.
 * It answers how long to wait when they are not. `acquireTokens` reserves instead (see reserveTokens).
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

/**
 * Reserves `n` tokens even before they are there: the balance may go below zero, and the answer says how
 * long to wait until the reserved tokens have refilled. One statement per reservation and no polling, so
 * twenty jobs waiting for the bucket cost twenty queries, not a thundering herd of retries; and the sends
 * come out evenly spaced at the refill rate. Debt is capped at `maxDebtSeconds` of refill; beyond that
 * nothing is reserved and the caller is told to come back.
 */
export async function reserveTokens(spec: BucketSpec, n: number, maxDebtSeconds = 10): Promise<{ ok: boolean; waitMs: number }> {
  const { name, capacity, refillPerSecond } = spec;
  const maxDebt = refillPerSecond * maxDebtSeconds;
  const refilled = sql`least(${capacity}::float8, b.tokens + extract(epoch from (clock_timestamp() - b.updated_at)) * ${refillPerSecond}::float8)`;
  const db = getDb();
  const rows = await db.execute<{ found: boolean; remaining: number | null; tokens: number }>(sql`
    with current as (select b.name, ${refilled} as tokens from rate_buckets b where b.name = ${name} for update),
    took as (
      update rate_buckets b set tokens = current.tokens - ${n}::float8, updated_at = clock_timestamp()
      from current where b.name = current.name and current.tokens - ${n}::float8 >= ${-maxDebt}::float8
      returning b.tokens as remaining
    )
    select exists (select 1 from current) as found, (select remaining from took) as remaining,
           coalesce((select tokens from current), 0) as tokens`);
  const row = rows[0];
  if (!row.found) {
    await db.execute(sql`insert into rate_buckets (name, tokens, updated_at) values (${name}, ${capacity}::float8, clock_timestamp()) on conflict (name) do nothing`);
    return reserveTokens(spec, n, maxDebtSeconds);
  }
  if (row.remaining !== null) {
    const left = Number(row.remaining);
    return { ok: true, waitMs: left >= 0 ? 0 : Math.ceil((-left / refillPerSecond) * 1000) };
  }
  const missing = n - maxDebt - Number(row.tokens);
  return { ok: false, waitMs: Math.max(Math.ceil((missing / refillPerSecond) * 1000), 5) };
}

/** Waits until `n` tokens are taken (or `signal` aborts before they are reserved). */
export async function acquireTokens(spec: BucketSpec, n: number, signal?: AbortSignal): Promise<void> {
  for (;;) {
    if (signal?.aborted) throw new Error('aborted');
    const result = await reserveTokens(spec, n);
    if (result.ok) {
      if (result.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, result.waitMs));
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(result.waitMs, 1000)));
  }
}
