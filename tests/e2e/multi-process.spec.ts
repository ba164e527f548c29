import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import postgres from 'postgres';
import { io as connect, type Socket } from 'socket.io-client';
import { DEMO_PASSWORD, FAKE_NOTIFY, FAKE_NOTIFY_PORT } from '../../playwright.config';
import { accounts, fakeNotifyReceived } from './helpers';

/**
 * Two real server processes (production build, server.ts) on different ports against ONE PostgreSQL:
 * process A runs the embedded database, process B connects to it with DATABASE_URL. Live events, socket
 * operations and the SMS workers must behave as one service.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const PORT_A = 3311;
const PORT_B = 3312;
const A = `http://localhost:${PORT_A}`;
const B = `http://localhost:${PORT_B}`;
const PG_PORT = 54420;
const AUTH_SECRET = 'multi-process-e2e-secret-0123456789abcdef0123456789';
const dataDir = path.join(os.tmpdir(), `watchroom-multi-${process.pid}`);

let serverA: ChildProcess | undefined;
let serverB: ChildProcess | undefined;
let sql: postgres.Sql | undefined;
const sockets: Socket[] = [];

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  fs.rmSync(dataDir, { recursive: true, force: true });
  const common: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    AUTH_SECRET,
    DEMO_PASSWORD,
    NOTIFY_API_KEY: `e2e-${FAKE_NOTIFY.serviceId}-${FAKE_NOTIFY.secret}`,
    NOTIFY_BASE_URL: `http://127.0.0.1:${FAKE_NOTIFY_PORT}`,
    NO_PROXY: '127.0.0.1,localhost',
    LOG_LEVEL: 'warn',
    // These demo staff accounts have no authenticator app; two-step sign-in has its own tests.
    MFA_REQUIRED_FOR: '',
  };
  serverA = startServer('A', { ...common, PORT: String(PORT_A), PUBLIC_URL: A, DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(PG_PORT) });
  await waitForHealth(A, serverA);
  const password = fs.readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  const databaseUrl = `postgres://watchroom:${encodeURIComponent(password)}@127.0.0.1:${PG_PORT}/watchroom`;
  serverB = startServer('B', {
    ...common,
    PORT: String(PORT_B),
    PUBLIC_URL: B,
    DATA_DIR: path.join(dataDir, 'b'),
    DATABASE_URL: databaseUrl,
  });
  await waitForHealth(B, serverB);
  sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
});

test.afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await sql?.end({ timeout: 5 });
  await stopServer(serverB);
  await stopServer(serverA);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a reply posted through process A appears live in a browser on process B', async ({ browser }) => {
  const alice = await signedInContext(browser, A, accounts.member);
  const bob = await signedInContext(browser, B, accounts.moderator);
  const threadId = await welcomeThreadId(alice);

  const alicePage = await alice.newPage();
  await alicePage.goto(`${A}/threads/${threadId}`);
  const bobPage = await bob.newPage();
  const violations: string[] = [];
  bobPage.on('console', (m) => {
    if (/Content Security Policy|Refused to (execute|load|connect)/i.test(m.text())) violations.push(m.text());
  });
  const response = await bobPage.goto(`${B}/threads/${threadId}`);
  // The page is served with a nonce-based policy, and nothing on it (Next's scripts, socket.io) is refused.
  expect(response?.headers()['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  await expect(bobPage.getByRole('heading', { level: 1, name: 'Welcome to Watchroom' })).toBeVisible();
  // The page subscribes over socket.io once hydrated; wait until B holds a socket in the thread's room.
  await expect.poll(() => bobPage.evaluate(() => document.readyState)).toBe('complete');

  const reply = `Cross-process reply ${Date.now()} with **bold** text`;
  await alicePage.getByLabel('Your reply (Markdown)').fill(reply);
  await alicePage.getByRole('button', { name: /post reply/i }).click();

  const posts = bobPage.getByTestId('posts');
  await expect(posts.locator('strong', { hasText: 'bold' })).toBeVisible();
  await expect(posts).toContainText(reply.replace('**bold**', 'bold'));
  expect(violations).toEqual([]);
});

test('removing a member through A drops their room subscription on B; texts go out once with two workers', async ({ browser }) => {
  const lead = await signedInContext(browser, A, accounts.lead);
  const member = await signedInContext(browser, A, accounts.member);

  // The lead opens a high-severity room through A: texts are queued for the invited people and organisation.
  const created = await lead.request.post(`${A}/api/v1/incidents`, {
    headers: await writeHeaders(lead, A),
    data: {
      title: `Multi-process room ${Date.now()}`,
      severity: 'high',
      tlp: 'AMBER',
      summary: 'Restricted summary for the multi-process test',
      publicHeadline: 'Cyber incident affecting a test service',
      invite: { organisations: ['RX6'], users: [accounts.member] },
    },
  });
  expect(created.status()).toBe(201);
  const room = (await created.json()) as { id: string };

  // Every text for the room is handed to Notify exactly once in total, though both processes run workers.
  await expect
    .poll(async () => (await sql!`select count(*)::int as n from sms_messages where room_id = ${room.id} and notify_id is null`)[0].n, {
      timeout: 60_000,
    })
    .toBe(0);
  const rows = await sql!<{ id: string }[]>`select id from sms_messages where room_id = ${room.id}`;
  expect(rows.length).toBeGreaterThan(1);
  const received = await fakeNotifyReceived();
  for (const row of rows) {
    expect(received.filter((t) => t.reference === row.id || t.reference?.startsWith(`${row.id}.r`)).length, `texts for ${row.id}`).toBe(1);
  }

  // The member was invited by name, so they are in the room, and B lets them read it.
  expect((await member.request.get(`${B}/api/v1/incidents/${room.id}`)).status()).toBe(200);

  // Both follow the room live on process B.
  const leadSocket = await subscribedSocket(B, lead, room.id);
  const memberSocket = await subscribedSocket(B, member, room.id);
  const leadEvents = collect(leadSocket, 'room:post:created');
  const memberEvents = collect(memberSocket, 'room:post:created');
  const accessChanged = collect(memberSocket, 'room:access:changed');

  const first = await postInRoom(lead, room.id, 'Before removal');
  await expect.poll(() => leadEvents.map((e) => e.postId)).toContain(first);
  await expect.poll(() => memberEvents.map((e) => e.postId)).toContain(first);

  // Removed through A: B's socket leaves the room at once and is told its access changed.
  const memberId = ((await (await member.request.get(`${A}/api/v1/me`)).json()) as { id: string }).id;
  const removed = await lead.request.delete(`${A}/api/v1/incidents/${room.id}/members/${memberId}`, { headers: await writeHeaders(lead, A) });
  expect(removed.status()).toBe(200);
  await expect.poll(() => accessChanged.map((e) => e.roomId)).toContain(room.id);

  const second = await postInRoom(lead, room.id, 'After removal');
  await expect.poll(() => leadEvents.map((e) => e.postId)).toContain(second);
  expect(memberEvents.map((e) => e.postId)).not.toContain(second);

  // The adapter's LISTEN connections are cut (as in a database fail-over): both processes listen again and
  // events flow between them once more.
  const listeners = async () =>
    (await sql!<{ pid: number }[]>`select pid from pg_stat_activity where application_name = 'watchroom-realtime' and query like 'LISTEN%'`).map((r) => r.pid);
  const before = await listeners();
  expect(before).toHaveLength(2);
  await sql!`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'watchroom-realtime'`;
  // Two new listeners (a terminated connection can still show for a moment).
  await expect.poll(async () => (await listeners()).filter((pid) => !before.includes(pid)).length, { timeout: 30_000 }).toBe(2);
  const third = await postInRoom(lead, room.id, 'After reconnection');
  await expect.poll(() => leadEvents.map((e) => e.postId)).toContain(third);
});

// ── helpers ──────────────────────────────────────────────────────────────────

function startServer(name: string, env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server.ts')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = (chunk: Buffer) => {
    if (process.env.TEST_VERBOSE) process.stderr.write(`[server ${name}] ${chunk}`);
  };
  child.stdout?.on('data', log);
  child.stderr?.on('data', log);
  return child;
}

async function waitForHealth(base: string, child: ChildProcess) {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server at ${base} exited with ${child.exitCode}`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${base} did not become healthy`);
}

async function stopServer(child: ChildProcess | undefined) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
}

async function signedInContext(browser: Browser, base: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.close();
  return context;
}

/** Cookie-authenticated writes carry our Origin and the session's CSRF token (from the page's meta tag). */
async function writeHeaders(context: BrowserContext, base: string): Promise<Record<string, string>> {
  const headers: Record<string, string> = { origin: base };
  const page = await context.newPage();
  await page.goto(`${base}/`);
  const token = await page.locator('meta[name="csrf-token"]').getAttribute('content').catch(() => null);
  await page.close();
  if (token) headers['x-csrf-token'] = token;
  return headers;
}

async function welcomeThreadId(context: BrowserContext): Promise<string> {
  const res = await context.request.get(`${A}/api/v1/channels/general/threads`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { threads: { id: string; title: string }[] };
  const thread = body.threads.find((t) => t.title === 'Welcome to Watchroom');
  expect(thread).toBeTruthy();
  return thread!.id;
}

async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies('http://localhost')).map((c) => `${c.name}=${c.value}`).join('; ');
}

async function subscribedSocket(base: string, context: BrowserContext, roomId: string): Promise<Socket> {
  const socket = connect(base, { transports: ['websocket'], extraHeaders: { cookie: await cookieHeader(context), origin: base }, reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = await socket.timeout(10_000).emitWithAck('subscribe', { type: 'incident', id: roomId });
  expect(ack).toEqual({ ok: true });
  return socket;
}

function collect(socket: Socket, event: string) {
  const events: Record<string, string>[] = [];
  socket.on(event, (payload: Record<string, string>) => events.push(payload));
  return events;
}

async function postInRoom(context: BrowserContext, roomId: string, body: string): Promise<string> {
  const res = await context.request.post(`${A}/api/v1/incidents/${roomId}/posts`, {
    headers: await writeHeaders(context, A),
    data: { body: `${body} ${Date.now()}`, tlp: 'AMBER' },
  });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
