import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../db/embedded';
import { DEMO_PASSWORD, FAKE_NOTIFY, FAKE_NOTIFY_PORT } from '../../playwright.config';
import { accounts } from './helpers';

/**
 * WATCHROOM_ROLE in production: a web-only process (Next + socket.io, enqueues, runs no workers) and a worker-only
 * process (no HTTP) on one PostgreSQL. A room opened through the web process has its texts sent by the worker;
 * the public bulletin from the real server is cacheable, revalidates with 304 and carries no JavaScript.
 */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const WEB_PORT = 3331;
const WORKER_PORT = 3332;
const PG_PORT = 54460;
const WEB = `http://localhost:${WEB_PORT}`;
const dataDir = path.join(os.tmpdir(), `watchroom-roles-${process.pid}`);

let db: EmbeddedDatabase | undefined;
let sql: postgres.Sql | undefined;
let web: ChildProcess | undefined;
let worker: ChildProcess | undefined;
let workerLog = '';

test.describe.configure({ mode: 'serial', timeout: 180_000 });

const common = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  DATABASE_URL: db!.url,
  AUTH_SECRET: 'process-roles-e2e-secret-0123456789abcdef0123456789',
  DEMO_PASSWORD,
  NOTIFY_API_KEY: `e2e-${FAKE_NOTIFY.serviceId}-${FAKE_NOTIFY.secret}`,
  NOTIFY_BASE_URL: `http://127.0.0.1:${FAKE_NOTIFY_PORT}`,
  NO_PROXY: '127.0.0.1,localhost',
  LOG_LEVEL: 'warn',
  MFA_REQUIRED_FOR: '',
});

test.beforeAll(async () => {
  test.setTimeout(240_000);
  fs.rmSync(dataDir, { recursive: true, force: true });
  db = await startEmbeddedPostgres({ dataDir, port: PG_PORT });
  sql = postgres(db.url, { max: 1, onnotice: () => {} });
  web = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: { ...common(), WATCHROOM_ROLE: 'web', SEED_DEMO: '1', PORT: String(WEB_PORT), PUBLIC_URL: WEB, DATA_DIR: path.join(dataDir, 'web') },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  for (let i = 0; ; i++) {
    if (web.exitCode !== null) throw new Error(`the web process exited with ${web.exitCode}`);
    if (await fetch(`${WEB}/api/health`).then((r) => r.ok, () => false)) break;
    if (i > 240) throw new Error('the web process did not become healthy');
    await new Promise((r) => setTimeout(r, 500));
  }
});

test.afterAll(async () => {
  for (const child of [worker, web]) {
    if (!child || child.exitCode !== null) continue;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  }
  await sql?.end({ timeout: 5 });
  await db?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('a room opened through a web-only process has its texts sent by a worker-only process that answers no HTTP', async ({ browser }) => {
  const health = await (await fetch(`${WEB}/api/health`)).json();
  expect(health).toMatchObject({ status: 'ok', role: 'web', database: 'ok' });

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${WEB}/sign-in`);
  await page.getByLabel('Email address').fill(accounts.lead);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await page.goto(`${WEB}/`);
  const token = await page.locator('meta[name="csrf-token"]').getAttribute('content').catch(() => null);
  const created = await context.request.post(`${WEB}/api/v1/incidents`, {
    headers: { origin: WEB, ...(token ? { 'x-csrf-token': token } : {}) },
    data: {
      title: `Roles room ${Date.now()}`,
      severity: 'high',
      tlp: 'AMBER',
      summary: 'Restricted summary for the roles test',
      publicHeadline: 'Cyber incident affecting a roles test service',
      invite: { users: [accounts.member] },
    },
  });
  expect(created.status()).toBe(201);
  const room = (await created.json()) as { id: string; reference: string };
  const [{ n }] = await sql!<{ n: number }[]>`select count(*)::int as n from sms_messages where room_id = ${room.id}`;
  expect(n).toBeGreaterThan(0);

  worker = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: { ...common(), WATCHROOM_ROLE: 'worker', PORT: String(WORKER_PORT), PUBLIC_URL: WEB, DATA_DIR: path.join(dataDir, 'worker') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout!.on('data', (d) => (workerLog += d));
  worker.stderr!.on('data', (d) => (workerLog += d));
  await expect.poll(() => workerLog, { timeout: 60_000 }).toContain('Watchroom worker is running');

  await expect
    .poll(async () => (await sql!<{ n: number }[]>`select count(*)::int as n from sms_messages where room_id = ${room.id} and notify_id is not null`)[0].n, {
      timeout: 60_000,
    })
    .toBe(n);
  const refused = await new Promise<boolean>((resolve) => {
    const s = net.connect(WORKER_PORT, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });
  expect(refused).toBe(true);
  expect(worker.exitCode).toBeNull();

  // The public bulletin, from the real (production) server: cacheable, 304 on revalidation, no scripts, small.
  const bulletin = await fetch(`${WEB}/bulletins/${room.reference}`);
  const html = await bulletin.text();
  expect(bulletin.status).toBe(200);
  expect(bulletin.headers.get('cache-control')).toMatch(/^public, max-age=\d+, stale-while-revalidate=\d+/);
  expect(html).toContain('Cyber incident affecting a roles test service');
  expect(html).not.toMatch(/<script|Restricted summary|Roles room/);
  const css = await (await fetch(new URL(html.match(/<link rel="stylesheet" href="([^"]+)"/)![1], WEB))).text();
  expect(Buffer.byteLength(html) + Buffer.byteLength(css)).toBeLessThanOrEqual(30 * 1024);
  const again = await fetch(`${WEB}/bulletins/${room.reference}`, { headers: { 'if-none-match': bulletin.headers.get('etag')! } });
  expect(again.status).toBe(304);
  await context.close();
});
