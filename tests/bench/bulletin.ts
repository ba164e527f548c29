/**
 * Click storm on a public bulletin: 200 concurrent clients (keep-alive, autocannon) on GET /bulletins/<ref> versus
 * the trivial GET /api/ping of the same server (production build, fresh embedded PostgreSQL). Goal: the bulletin
 * at ≥ 0.8× the trivial page's requests/s, p99 under 100 ms. Also shows a revalidation run (If-None-Match → 304).
 *
 *   npx tsx tests/bench/bulletin.ts [--seconds=10] [--connections=200] [--no-build] [--keep]
 *
 * Bounded by --seconds per run. Prints figures; never fails on time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { buildIfStale } from '../../scripts/build-if-stale';
import { load, type LoadResult } from './load';
import { startServer, type RunningServer } from './server';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const args = new Set(process.argv.slice(2));
const SECONDS = Number(option('seconds') ?? 10);
const CONNECTIONS = Number(option('connections') ?? 200);
const WARM = 3;
const PORT = 3420;
const PG_PORT = 54450;
const base = `http://127.0.0.1:${PORT}`;
const log = (s: string) => console.log(s);

export type BulletinBench = { trivial: LoadResult; bulletin: LoadResult; revalidate: LoadResult; ratio: number; bytes: number; headers: string };

/** A room with a three-update public bulletin, written as the app would (rows only; the page reads them). */
export async function seedBulletin(sql: postgres.Sql): Promise<string> {
  const [lead] = await sql<{ id: string }[]>`select id from users order by created_at limit 1`;
  const reference = 'INC-2026-9001';
  const [room] = await sql<{ id: string }[]>`
    insert into incident_rooms (reference, title, severity, tlp, summary, public_headline, created_by_id)
    values (${reference}, 'Restricted title', 'critical', 'AMBER', 'Restricted summary', 'Cyber incident affecting imaging services', ${lead.id})
    returning id`;
  const body = '<p>Services are being restored in priority order. Staff should follow local business continuity plans and check with their IT service desk before reconnecting devices.</p>';
  for (const [version, headline] of [[1, 'Cyber incident affecting imaging services'], [2, 'Imaging restored at two sites'], [3, 'Imaging restored at all sites; monitoring continues']] as const) {
    await sql`insert into bulletins (room_id, version, headline, body_markdown, body_html, published_by_id) values (${room.id}, ${version}, ${headline}, '', ${body}, ${lead.id})`;
  }
  return reference;
}

export async function bulletinBench(url: string, reference: string, seconds: number, connections: number): Promise<BulletinBench> {
  const page = `${url}/bulletins/${reference}`;
  const first = await fetch(page);
  const html = await first.text();
  const etag = first.headers.get('etag') ?? '';
  const css = await (await fetch(new URL(html.match(/<link rel="stylesheet" href="([^"]+)"/)![1], url))).text();
  const bytes = Buffer.byteLength(html) + Buffer.byteLength(css);
  const headers = ['cache-control', 'etag', 'last-modified', 'content-type'].map((h) => `${h}: ${first.headers.get(h)}`).join('; ');
  await load({ url: `${url}/api/ping`, connections, seconds: WARM });
  const trivial = await load({ url: `${url}/api/ping`, connections, seconds });
  await load({ url: page, connections, seconds: WARM });
  const bulletin = await load({ url: page, connections, seconds });
  const revalidate = await load({ url: page, connections, seconds, headers: { 'if-none-match': etag }, expect: 304 });
  return { trivial, bulletin, revalidate, ratio: bulletin.rps / trivial.rps, bytes, headers };
}

const line = (name: string, r: LoadResult) =>
  `  ${name.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(0)} ms  p99 ${r.p99.toFixed(0)} ms  max ${r.max.toFixed(0)} ms  (${r.ok} ok of ${r.total}, ${r.errors} errors)`;

async function main() {
  if (!args.has('--no-build') && buildIfStale('benchmarks need a production build') !== 0) throw new Error('next build failed');
  const dataDir = path.join(root, '.test-data', `bench-bulletin-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  let server: RunningServer | undefined;
  let sql: postgres.Sql | undefined;
  try {
    log('Starting the server…');
    server = await startServer(
      root,
      { NODE_ENV: 'production', PORT: String(PORT), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(PG_PORT), DEMO_PASSWORD: 'bench-password-123', LOG_LEVEL: 'warn', DATABASE_URL: '', PUBLIC_URL: base },
      PORT,
    );
    const pgPassword = fs.readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
    sql = postgres(`postgres://watchroom:${encodeURIComponent(pgPassword)}@127.0.0.1:${PG_PORT}/watchroom`, { max: 2, onnotice: () => {} });
    const reference = await seedBulletin(sql);
    log(`Bulletin ${reference}: ${CONNECTIONS} connections, ${SECONDS} s per run (load average ${os.loadavg()[0].toFixed(2)})`);
    const r = await bulletinBench(base, reference, SECONDS, CONNECTIONS);
    log(`  ${r.headers}`);
    log(line('trivial page GET /api/ping', r.trivial));
    log(line(`bulletin GET /bulletins/${reference}`, r.bulletin));
    log(line('bulletin revalidated (304)', r.revalidate));
    log(`  bulletin / trivial: ${r.ratio.toFixed(2)}× (goal ≥ 0.8×); bulletin p99 ${r.bulletin.p99.toFixed(0)} ms (goal < 100 ms); page + stylesheet ${r.bytes} bytes (budget 30,720)`);
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
