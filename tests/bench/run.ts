/**
 * `npm run bench`: the product's performance goals, measured side by side in one run on this machine.
 *
 *   1. builds if stale, starts the real server (server.ts, production) on a fresh embedded PostgreSQL;
 *   2. bulk-seeds 5,000 threads and 100,000 posts with COPY (one thread has exactly 50 posts);
 *   3. signs in through next-auth as the demo member;
 *   4. loads the trivial page (/help/tlp, signed in) and the 50-post thread page at 20 and 100 clients, /api/ping
 *      and an authenticated API call (the framework's floors), live fan-out to 1,000 sockets (against a bare
 *      socket.io broadcast), search, post creation (through the API, and the use case alone in this process), a
 *      public bulletin under 200 clients, and 1,000 sign-ins;
 *   4b. grows the data to 1,000,000 posts (tests/bench/search-phase.ts) and measures search again;
 *   5. runs tests/bench/sms.ts (5,000 recipients × 2 texts through a worker process to a rate-limited fake Notify);
 *   6. prints one table of figures against the goals, stops the server and removes its data.
 *
 * It prints figures and never fails on time. Options: --no-sms (skip step 5), --only-search (only search, at 100,000
 * and at 1,000,000 posts), --no-million (skip growing to 1,000,000 posts), --explain (EXPLAIN ANALYZE of the thread page's and
 * search's queries), --seconds=N (length of each load run, default 10), --keep (leave the data dir),
 * --no-build (use .next as it is, even if older than the sources), --cpu-prof (the server writes V8 CPU
 * profiles to .test-data/bench-profiles-<pid>/; the log gives each phase's start in seconds since the server
 * was spawned, to cut the profile by phase).
 *
 * Client and server share the machine's two cores (autocannon runs in this process), as they would in any
 * single-box measurement; the table shows the machine's load average so a busy machine is visible.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { buildIfStale } from '../../scripts/build-if-stale';
import { postParagraphs, rng, searchQueries } from './corpus';
import { explainAll } from './explain';
import { bulletinBench, seedBulletin } from './bulletin';
import { measureFanout, startBareSocketIo, type FanoutResult } from './fanout';
import { seedStormAccounts, signInStorm } from './sign-in';
import { load, type LoadResult } from './load';
import { measureSearch, searchRows, growPosts, type SearchBenchContext } from './search-phase';
import { seedBulk } from './seed';
import { cpuTimes, memory, startServer, type RunningServer } from './server';
import { checkThreadPage, signIn } from './thread-page';
import { createPostsInProcess } from './use-case';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const args = new Set(process.argv.slice(2));
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const SECONDS = Number(option('seconds') ?? 10);
const WARM = 3;
const CONNECTIONS = 20;
const PORT = 3400;
const PG_PORT = 54430;
const BARE_SOCKETIO_PORT = 3490;
const FANOUT_SOCKETS = 1000;
const FANOUT_ROUNDS = 5;
const SIGN_INS = 1000;
const PASSWORD = 'bench-password-123';
const MEMBER = 'member@demo.watchroom.test';
const TRIVIAL_PAGE = '/help/tlp';
const base = `http://127.0.0.1:${PORT}`;

const log = (s: string) => console.log(s);

async function main() {
  const runStarted = performance.now();
  if (args.has('--no-build')) log('--no-build: using the existing .next build as it is');
  else if (buildIfStale('benchmarks need a production build') !== 0) throw new Error('next build failed');
  const loadBefore = loadAverage();
  const dataDir = path.join(root, '.test-data', `bench-${process.pid}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.mkdirSync(dataDir, { recursive: true });

  const profileDir = path.join(root, '.test-data', `bench-profiles-${process.pid}`);
  let server: RunningServer | undefined;
  let spawnedAt = 0;
  /** Phase marker: with --cpu-prof, seconds since the server was spawned, to find the phase in the profile. */
  const phase = (s: string) => log(spawnedAt && args.has('--cpu-prof') ? `[t+${secs(spawnedAt)} s] ${s}` : s);
  let sql: postgres.Sql | undefined;
  const cleanup = async () => {
    await sql?.end({ timeout: 5 }).catch(() => {});
    sql = undefined;
    await server?.stop();
    server = undefined;
    if (!args.has('--keep')) fs.rmSync(dataDir, { recursive: true, force: true });
    if (args.has('--cpu-prof')) log(`CPU profiles in ${path.relative(root, profileDir)}`);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));
  }

  try {
    log(`Starting the server (data in ${path.relative(root, dataDir)})…`);
    const bootStarted = (spawnedAt = performance.now());
    server = await startServer(
      root,
      {
        NODE_ENV: 'production',
        PORT: String(PORT),
        DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(PG_PORT),
        DEMO_PASSWORD: PASSWORD,
        LOG_LEVEL: 'warn',
        DATABASE_URL: '',
        PUBLIC_URL: base,
      },
      PORT,
      args.has('--cpu-prof') ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    );
    log(`  listening after ${secs(bootStarted)} s; server pid ${server.pid}`);

    const pgPassword = fs.readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
    const databaseUrl = `postgres://watchroom:${encodeURIComponent(pgPassword)}@127.0.0.1:${PG_PORT}/watchroom`;
    sql = postgres(databaseUrl, { max: 2, onnotice: () => {} });

    log('Seeding 5,000 threads and 100,000 posts…');
    const seeded = await seedBulk(sql, { threads: 5000, posts: 100_000, benchThreadPosts: 50 }, log);
    const [{ threads, posts }] = await sql<{ threads: number; posts: number }[]>`
      select (select count(*)::int from threads) as threads, (select count(*)::int from posts) as posts`;
    log(`  seeded in ${seeded.seconds.toFixed(1)} s (database now holds ${threads} threads, ${posts} posts)`);

    const cookie = await signIn(base, MEMBER, PASSWORD);
    // Cookie-authenticated writes need the session's CSRF token, which every signed-in page carries.
    const headers = { cookie, 'x-csrf-token': await csrfToken(cookie), origin: base };
    const threadPath = `/threads/${seeded.benchThreadId}`;
    log(await checkThreadPage(base + threadPath, cookie));
    const searchCtx: SearchBenchContext = { base, cookie, headers, sql, seconds: SECONDS, log, withCpu: (run) => withCpu(server!, run) };
    if (args.has('--only-search')) {
      phase(`Search GET /api/v1/search over ${posts} posts: ${searchQueries.length} queries…`);
      const search = await measureSearch(searchCtx, { concurrent: false });
      const million = args.has('--no-million') ? undefined : await searchAtMillion(searchCtx, phase);
      if (args.has('--explain')) await explainAll(databaseUrl, seeded.benchThreadId, MEMBER, [...searchQueries], log);
      printTable([
        ['data', `${threads} threads, ${posts} posts`, '5,000 / 100,000', ''],
        ['seeding time', `${seeded.seconds.toFixed(1)} s`, '', ''],
        ...tableRows(searchRows(search, ' (sequential)')),
        ...(million ? millionRows(million) : []),
        ['machine load average at start / now', `${loadBefore} / ${loadAverage()}`, '≈ 0', Number(loadBefore) > 0.5 ? 'BUSY: other processes skew these figures' : 'quiet'],
        ['bench wall time', `${secs(runStarted)} s`, '', ''],
      ]);
      return;
    }

    /** WARM seconds of warm-up, then SECONDS measured with the server's and PostgreSQL's CPU per response. */
    const measure = async (what: string, url: string, connections: number, requestHeaders?: Record<string, string>) => {
      phase(`${what}: ${WARM} s warm-up, ${SECONDS} s at ${connections} connections…`);
      await load({ url, connections, seconds: WARM, headers: requestHeaders });
      const result = await withCpu(server!, () => load({ url, connections, seconds: SECONDS, headers: requestHeaders }));
      log(`  ${summary(result)}${cpuNote(result)}`);
      return result;
    };
    // The trivial page: a short static page in the same layout, fetched by the same signed-in member, so it does
    // all a page does (session check, header, nonce, Next's rendering) and nothing else.
    const trivial = await measure(`Trivial page GET ${TRIVIAL_PAGE} (signed in)`, base + TRIVIAL_PAGE, CONNECTIONS, headers);
    const page = await measure(`Thread page GET ${threadPath} (50 posts)`, base + threadPath, CONNECTIONS, headers);
    const trivial100 = await measure(`Trivial page GET ${TRIVIAL_PAGE} (signed in)`, base + TRIVIAL_PAGE, 100, headers);
    const page100 = await measure(`Thread page GET ${threadPath} (50 posts)`, base + threadPath, 100, headers);
    const ping = await measure('Route handler GET /api/ping (no page, no session)', `${base}/api/ping`, CONNECTIONS);
    const apiFloor = await measure('Authenticated API GET /api/v1/me (session check + one row)', `${base}/api/v1/me`, CONNECTIONS, headers);

    phase(`Live fan-out: one reply to ${FANOUT_SOCKETS} subscribed sockets, ${FANOUT_ROUNDS} rounds, against a bare socket.io broadcast…`);
    const fanout = await measureFanout(
      {
        url: base,
        headers: { cookie, origin: base },
        subscription: { type: 'thread', id: seeded.benchThreadId },
        trigger: async () => {
          const res = await fetch(`${base}/api/v1/threads/${seeded.benchThreadId}/posts`, {
            method: 'POST',
            headers: { ...headers, origin: base, 'content-type': 'application/json' },
            body: JSON.stringify({ body: 'Fan-out probe: a reply every open view of this thread should see.' }),
          });
          await res.arrayBuffer();
          if (res.status !== 201) throw new Error(`fan-out reply: HTTP ${res.status}`);
        },
      },
      FANOUT_SOCKETS,
      FANOUT_ROUNDS,
    );
    log(`  watchroom: ${fanoutNote(fanout)}`);
    const bare = await startBareSocketIo(root, BARE_SOCKETIO_PORT);
    let bareFanout: FanoutResult;
    try {
      bareFanout = await measureFanout(
        {
          url: bare.url,
          headers: {},
          subscription: {},
          trigger: async () => {
            const res = await fetch(`${bare.url}/emit`, { method: 'POST' });
            await res.arrayBuffer();
          },
        },
        FANOUT_SOCKETS,
        FANOUT_ROUNDS,
      );
    } finally {
      bare.stop();
    }
    log(`  bare socket.io: ${fanoutNote(bareFanout)}`);

    phase(`Search GET /api/v1/search over ${posts} posts: ${searchQueries.length} queries…`);
    const search = await measureSearch(searchCtx, { concurrent: true });
    const searchConcurrent = search.concurrent!;
    log(`  4 connections: ${summary(searchConcurrent)}${cpuNote(searchConcurrent)}`);

    phase(`Create posts POST /api/v1/threads/<id>/posts across ${seeded.writeThreadIds.length} threads: 2 s warm-up, ${SECONDS} s at ${CONNECTIONS} connections…`);
    const words = rng(7);
    let writes = 0;
    const postRequest = () => ({
      path: `/api/v1/threads/${seeded.writeThreadIds[writes++ % seeded.writeThreadIds.length]}/posts`,
      body: JSON.stringify({ body: postParagraphs(words).join('\n\n') }),
    });
    const postHeaders = { ...headers, 'content-type': 'application/json' };
    await load({ url: `${base}/api/v1/threads/x/posts`, method: 'POST', connections: CONNECTIONS, seconds: 2, headers: postHeaders, expect: 201, next: postRequest });
    const create = await withCpu(server, () => load({ url: `${base}/api/v1/threads/x/posts`, method: 'POST', connections: CONNECTIONS, seconds: SECONDS, headers: postHeaders, expect: 201, next: postRequest }));
    log(`  ${summary(create)}${cpuNote(create)}`);
    const hot = seeded.writeThreadIds[0];
    const createHot = await withCpu(server, () => load({
      url: `${base}/api/v1/threads/${hot}/posts`,
      method: 'POST',
      connections: CONNECTIONS,
      seconds: Math.max(3, Math.round(SECONDS / 2)),
      headers: postHeaders,
      expect: 201,
      next: () => ({ body: JSON.stringify({ body: postParagraphs(words).join('\n\n') }) }),
    }));
    log(`  all into one thread: ${summary(createHot)}${cpuNote(createHot)}`);
    phase(`The same use case in this process (createPost: no HTTP, no Next), ${CONNECTIONS} at a time for ${SECONDS} s…`);
    const pgBefore = cpuTimes(server.pid).postgresMs;
    const useCase = await createPostsInProcess(sql, databaseUrl, { email: MEMBER, threadIds: seeded.writeThreadIds, seconds: SECONDS, concurrency: CONNECTIONS });
    const useCasePg = (cpuTimes(server.pid).postgresMs - pgBefore) / useCase.done;
    log(`  ${useCase.perSecond.toFixed(0)} posts/s; ${cpuMs(useCase.cpuMsPerPost)} node (of which Markdown + DOMPurify ${cpuMs(useCase.renderMsPerPost)}) + ${cpuMs(useCasePg)} postgres per post`);
    phase('Load done');

    phase('Public bulletin under a click storm (200 clients) against GET /api/ping…');
    const reference = await seedBulletin(sql);
    const storm = await bulletinBench(base, reference, SECONDS, 200);
    log(`  bulletin ${storm.bulletin.rps.toFixed(0)} req/s (p99 ${ms(storm.bulletin.p99)}), ping ${storm.trivial.rps.toFixed(0)} req/s: ratio ${storm.ratio.toFixed(2)}; ${storm.bytes} bytes`);

    phase(`Sign-in storm: ${SIGN_INS} different accounts through next-auth…`);
    await seedStormAccounts(sql, SIGN_INS);
    const signIns = await signInStorm(base, SIGN_INS, 16);
    log(`  ${signIns.done} signed in, ${signIns.failed} failed, in ${signIns.seconds.toFixed(1)} s = ${signIns.perMinute.toFixed(0)}/min; p95 ${ms(signIns.p95)}`);

    const million = args.has('--no-million') ? undefined : await searchAtMillion(searchCtx, phase);

    phase('SMS: 5,000 recipients × 2 texts through a worker process to a fake Notify that enforces its rate limit (tests/bench/sms.ts)…');
    const smsRows = args.has('--no-sms') ? [] : await runSmsBench();

    const mem = memory(server.pid);

    if (args.has('--explain')) await explainAll(databaseUrl, seeded.benchThreadId, MEMBER, [...searchQueries], log);

    const pageRow = (name: string, r: LoadResult, goal = '(info)'): [string, string, string, string] => [
      name,
      `${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)} p95 ${ms(r.p95)} p99 ${ms(r.p99)}`,
      goal,
      statusNote(r, 200),
    ];
    const ratio = page.rps / trivial.rps;
    const table: [string, string, string, string][] = [
      ['data', `${threads} threads, ${posts} posts`, '5,000 / 100,000', ''],
      ['seeding time', `${seeded.seconds.toFixed(1)} s`, '', ''],
      pageRow(`trivial page GET ${TRIVIAL_PAGE} (signed in), 20 clients`, trivial, '(reference)'),
      pageRow('thread page (50 posts), 20 clients', page, ''),
      ['thread page / trivial page, 20 clients', ratio.toFixed(2), '≥ 0.5', pass(ratio >= 0.5)],
      ['thread page p99 at 20 clients', ms(page.p99), '< 150 ms', pass(page.p99 < 150)],
      pageRow(`trivial page GET ${TRIVIAL_PAGE}, 100 clients`, trivial100),
      pageRow('thread page, 100 clients', page100),
      ['thread page / trivial page, 100 clients', (page100.rps / trivial100.rps).toFixed(2), '(info)', ''],
      pageRow('route handler GET /api/ping (no page, no session), 20 clients', ping),
      ['thread page / GET /api/ping', (page.rps / ping.rps).toFixed(2), '(info)', ''],
      pageRow('authenticated API floor GET /api/v1/me, 20 clients', apiFloor),
      [
        'node CPU per request: ping / API floor / trivial page / thread page',
        `${cpuMs(ping.serverCpu)} / ${cpuMs(apiFloor.serverCpu)} / ${cpuMs(trivial.serverCpu)} / ${cpuMs(page.serverCpu)}; thread page ${cpuMs(page.pgCpu)} postgres`,
        '(info)',
        '',
      ],
      ['create post (201s/s), 20 clients', `${create.rps.toFixed(0)} posts/s, p50 ${ms(create.p50)} p99 ${ms(create.p99)}`, '≥ 200 posts/s', pass(create.rps >= 200) + statusNote(create, 201)],
      ['create post CPU per post', `${cpuMs(create.serverCpu)} node + ${cpuMs(create.pgCpu)} postgres`, '≤ 5 ms node for 200/s', `${pass(create.serverCpu <= 5)} (≈ ${(1000 / create.serverCpu).toFixed(0)} posts/s of one core)`],
      [
        'create post: the use case in-process (no HTTP, no Next)',
        `${useCase.perSecond.toFixed(0)} posts/s; ${cpuMs(useCase.cpuMsPerPost)} node (Markdown + DOMPurify ${cpuMs(useCase.renderMsPerPost)}) + ${cpuMs(useCasePg)} postgres`,
        '(info)',
        '',
      ],
      ['create post, all in one thread', `${createHot.rps.toFixed(0)} posts/s, p50 ${ms(createHot.p50)} p99 ${ms(createHot.p99)}`, '(info)', statusNote(createHot, 201)],
      ['live fan-out to 1,000 sockets: all reached (median)', `${ms(fanout.allReached)} (p50 ${ms(fanout.p50)} p95 ${ms(fanout.p95)} per socket${fanout.missed ? `, ${fanout.missed} missed` : ''})`, '≤ 2× bare socket.io', pass(fanout.allReached <= 2 * bareFanout.allReached && fanout.missed === 0)],
      ['bare socket.io broadcast to the same 1,000 sockets', `${ms(bareFanout.allReached)} (p50 ${ms(bareFanout.p50)} p95 ${ms(bareFanout.p95)} per socket)`, '(baseline)', ''],
      ...tableRows(searchRows(search, ' (sequential)')),
      ['search at 4 clients', `${searchConcurrent.rps.toFixed(0)} req/s, p50 ${ms(searchConcurrent.p50)} p95 ${ms(searchConcurrent.p95)} p99 ${ms(searchConcurrent.p99)}`, '(info)', statusNote(searchConcurrent, 200)],
      ...(million ? millionRows(million) : []),
      ['bulletin page at 200 clients / trivial', `${storm.ratio.toFixed(2)} (${storm.bulletin.rps.toFixed(0)} vs ${storm.trivial.rps.toFixed(0)} req/s), bulletin p99 ${ms(storm.bulletin.p99)}, ${storm.bytes} bytes`, '≥ 0.8, p99 < 100 ms, ≤ 30 KB', `${pass(storm.ratio >= 0.8)} / ${pass(storm.bulletin.p99 < 100)} / ${pass(storm.bytes <= 30 * 1024)}`],
      [`${SIGN_INS} sign-ins (16 at a time)`, `${signIns.perMinute.toFixed(0)}/min, ${signIns.failed} failed, p95 ${ms(signIns.p95)}`, '≥ 1,000 in one minute', pass(signIns.done >= SIGN_INS && signIns.seconds <= 60)],
      ...smsRows.map(([metric, value, goal]): [string, string, string, string] => [metric, value, goal, '']),
      ['server peak RSS (VmHWM)', `${mem.peakMiB.toFixed(0)} MiB (now ${mem.rssMiB.toFixed(0)} MiB)`, '(info)', ''],
      ['machine load average at start', loadBefore, '≈ 0', Number(loadBefore) > 0.5 ? 'BUSY: other processes skew these figures' : 'quiet'],
      ['bench wall time', `${secs(runStarted)} s`, '', ''],
    ];
    printTable(table);
  } catch (error) {
    console.error(error);
    if (server) console.error(`--- server output (tail) ---\n${server.output()}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

/** tests/bench/sms.ts in its own process (its own PostgreSQL, worker and fake Notify); returns its table's rows. */
function runSmsBench(): Promise<[string, string, string][]> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'tests/bench/sms.ts', '--rows-json'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      for (const line of b.toString().split('\n')) if (line && !line.startsWith('BENCH_ROWS') && !line.startsWith('|')) log(`  ${line}`);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('BENCH_ROWS '));
      if (code !== 0 || !line) reject(new Error(`tests/bench/sms.ts exited ${code} without its figures`));
      else resolve(JSON.parse(line.slice('BENCH_ROWS '.length)));
    });
  });
}

/** Runs a measurement and adds the server's and PostgreSQL's CPU time per successful request. */
async function withCpu<T extends { ok: number }>(server: RunningServer, run: () => Promise<T>): Promise<T & { serverCpu: number; pgCpu: number }> {
  const before = cpuTimes(server.pid);
  const result = await run();
  const after = cpuTimes(server.pid);
  const per = (v: number) => (result.ok ? v / result.ok : NaN);
  return { ...result, serverCpu: per(after.serverMs - before.serverMs), pgCpu: per(after.postgresMs - before.postgresMs) };
}

/** Grows the data to 1,000,000 posts and measures search again the same way (sequential). */
async function searchAtMillion(ctx: SearchBenchContext, phase: (s: string) => void) {
  const grown = await growPosts(ctx.sql, 1_000_000, log);
  phase(`Search GET /api/v1/search over ${grown.posts} posts: ${searchQueries.length} queries…`);
  return { grown, search: await measureSearch(ctx, { concurrent: false }) };
}

function millionRows(m: Awaited<ReturnType<typeof searchAtMillion>>): [string, string, string, string][] {
  return [
    ['data grown to', `${m.grown.threads} threads, ${m.grown.posts} posts in ${m.grown.seconds.toFixed(1)} s`, '1,000,000 posts', ''],
    ...tableRows(searchRows(m.search, ' at 1,000,000 posts')),
  ];
}

const tableRows = (rows: ReturnType<typeof searchRows>) =>
  rows.map(([metric, value, goal, ok]): [string, string, string, string] => [metric, value, goal, ok === undefined ? '' : pass(ok)]);

const cpuMs = (v: number) => `${v.toFixed(1)} ms`;
const cpuNote = (r: { serverCpu: number; pgCpu: number }) => `; CPU per request ${cpuMs(r.serverCpu)} node + ${cpuMs(r.pgCpu)} postgres`;

async function csrfToken(cookie: string): Promise<string> {
  const html = await (await fetch(`${base}/`, { headers: { cookie } })).text();
  const token = /<meta name="csrf-token" content="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error('no CSRF token on the signed-in home page');
  return token;
}

/** 1-minute load average: anything well above 0 before the run means another process competes for the 2 cores. */
const loadAverage = () => fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
const secs = (since: number) => ((performance.now() - since) / 1000).toFixed(1);
const ms = (v: number) => `${v < 10 ? v.toFixed(1) : v.toFixed(0)} ms`;
const pass = (ok: boolean) => (ok ? 'PASS' : 'MISS');

const fanoutNote = (f: FanoutResult) =>
  `${f.sockets} sockets × ${f.rounds} rounds: all reached in ${ms(f.allReached)} (median), per socket p50 ${ms(f.p50)} p95 ${ms(f.p95)}${f.missed ? `, ${f.missed} MISSED` : ''}`;

function summary(r: LoadResult) {
  return `${r.rps.toFixed(0)} ok/s (${r.ok}/${r.total} in ${r.seconds.toFixed(1)} s), p50 ${ms(r.p50)} p95 ${ms(r.p95)} p99 ${ms(r.p99)} max ${ms(r.max)}${statusNote(r, 0)}`;
}

function statusNote(r: LoadResult, expect: number) {
  const other = Object.entries(r.statuses).filter(([s]) => Number(s) !== expect);
  const parts = [...(expect ? other : Object.entries(r.statuses)).map(([s, n]) => `${n}×${s}`), ...(r.errors ? [`${r.errors} errors`] : [])];
  return parts.length ? ` [${expect ? 'other: ' : ''}${parts.join(', ')}]` : '';
}

function printTable(rows: [string, string, string, string][]) {
  const head: [string, string, string, string] = ['metric', 'value', 'goal', 'result'];
  const all = [head, ...rows];
  const widths = head.map((_, i) => Math.max(...all.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log('');
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  console.log('');
}

await main();
