/**
 * Sign-in storm: 1,000 sign-ins through next-auth's credentials flow against the real server (production build,
 * fresh embedded PostgreSQL): for each, GET /api/auth/csrf, then POST /api/auth/callback/credentials with the CSRF
 * token and cookie — password check (scrypt), session row, JWT cookie. 1,000 distinct accounts, so no failure
 * budget or per-account state is shared. Prints the rate per minute and p50/p95/p99 of a whole sign-in.
 *
 *   npx tsx tests/bench/sign-in.ts [--count=1000] [--concurrency=16] [--log2n=14] [--no-build] [--keep]
 *
 * --log2n seeds the accounts with hashes of another scrypt cost (the stored hash carries its parameters, so the
 * server verifies them as it would old hashes): compare costs without rebuilding.
 *
 * Bounded: stops after `count` sign-ins or 180 s, whichever comes first. Prints figures; never fails on time.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { hashPassword } from '../../lib/auth/password';
import { buildIfStale } from '../../scripts/build-if-stale';
import { percentiles } from './load';
import { startServer, type RunningServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const args = new Set(process.argv.slice(2));
const COUNT = Number(option('count') ?? 1000);
const CONCURRENCY = Number(option('concurrency') ?? 16);
const LOG2N = option('log2n') ? Number(option('log2n')) : undefined;
const LIMIT_MS = 180_000;
const PORT = 3410;
const PG_PORT = 54440;
const PASSWORD = 'sign-in-storm-password-2026';
const base = `http://127.0.0.1:${PORT}`;
const log = (s: string) => console.log(s);

export type SignInResult = { done: number; failed: number; seconds: number; perMinute: number; p50: number; p95: number; p99: number; max: number };

/** Runs the storm against a server that already has the bench accounts (`storm-<i>@bench.watchroom.test`). */
export async function signInStorm(url: string, count: number, concurrency: number): Promise<SignInResult> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const started = performance.now();
  const one = async (i: number) => {
    const t0 = performance.now();
    const csrf = await fetch(`${url}/api/auth/csrf`);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const res = await fetch(`${url}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
      body: new URLSearchParams({ csrfToken, email: `storm-${i}@bench.watchroom.test`, password: PASSWORD, json: 'true' }),
    });
    await res.arrayBuffer();
    const ok = res.headers.getSetCookie().some((c) => c.startsWith('next-auth.session-token=') && !c.startsWith('next-auth.session-token=;'));
    if (!ok) failed += 1;
    latencies.push(performance.now() - t0);
  };
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count && performance.now() - started < LIMIT_MS) {
        const i = next++;
        await one(i).catch(() => {
          failed += 1;
        });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const done = latencies.length - failed;
  return { done, failed, seconds, perMinute: (done / seconds) * 60, ...percentiles(latencies) };
}

/** The bench accounts, inserted in bulk with one shared hash (hashing is what the storm measures, not the setup). */
export async function seedStormAccounts(sql: postgres.Sql, count: number, log2n?: number) {
  const hash = log2n === undefined ? await hashPassword(PASSWORD) : hashWithCost(PASSWORD, log2n);
  const [org] = await sql<{ id: string }[]>`select id from organisations order by ods_code limit 1`;
  const rows = Array.from({ length: count }, (_, i) => ({
    name: `Storm ${i}`,
    email: `storm-${i}@bench.watchroom.test`,
    organisation_id: org.id,
    password_hash: hash,
  }));
  for (let i = 0; i < rows.length; i += 500) {
    await sql`insert into users ${sql(rows.slice(i, i + 500), 'name', 'email', 'organisation_id', 'password_hash')} on conflict (email) do nothing`;
  }
}

/** lib/auth/password.ts's format with another N (r=8, p=1). */
function hashWithCost(password: string, log2n: number) {
  const salt = randomBytes(16);
  const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 2 ** log2n, r: 8, p: 1, maxmem: 256 * 1024 * 1024 });
  return ['scrypt', 2 ** log2n, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

async function main() {
  if (!args.has('--no-build') && buildIfStale('benchmarks need a production build') !== 0) throw new Error('next build failed');
  const dataDir = path.join(root, '.test-data', `bench-sign-in-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  let server: RunningServer | undefined;
  let sql: postgres.Sql | undefined;
  try {
    log('Starting the server…');
    server = await startServer(
      root,
      { NODE_ENV: 'production', PORT: String(PORT), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(PG_PORT), DEMO_PASSWORD: PASSWORD, LOG_LEVEL: 'warn', DATABASE_URL: '', PUBLIC_URL: base },
      PORT,
    );
    const pgPassword = fs.readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
    sql = postgres(`postgres://watchroom:${encodeURIComponent(pgPassword)}@127.0.0.1:${PG_PORT}/watchroom`, { max: 2, onnotice: () => {} });
    await seedStormAccounts(sql, COUNT, LOG2N);
    const [{ hash }] = await sql<{ hash: string }[]>`select password_hash as hash from users where email = 'storm-0@bench.watchroom.test'`;
    const [, n, r, p] = hash.split('$');
    log(`Password hashing: scrypt N=2^${Math.log2(Number(n))}, r=${r}, p=${p}. Machine: ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(2)} before the run.`);
    await signInStorm(base, 20, 4); // warm-up: compiles the routes' code paths
    log(`${COUNT} sign-ins through /api/auth/callback/credentials (CSRF token, cookie), ${CONCURRENCY} at a time…`);
    const r1 = await signInStorm(base, COUNT, CONCURRENCY);
    log(
      `  ${r1.done} signed in, ${r1.failed} failed, in ${r1.seconds.toFixed(1)} s: ${r1.perMinute.toFixed(0)} sign-ins/minute; ` +
        `per sign-in p50 ${r1.p50.toFixed(0)} ms, p95 ${r1.p95.toFixed(0)} ms, p99 ${r1.p99.toFixed(0)} ms (load average now ${os.loadavg()[0].toFixed(2)})`,
    );
    log(`  goal: 1,000 sign-ins within one minute: ${r1.done >= 1000 && r1.seconds <= 60 ? 'met' : 'NOT met'}`);
  } finally {
    await sql?.end({ timeout: 5 }).catch(() => {});
    await server?.stop();
    if (!args.has('--keep')) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
