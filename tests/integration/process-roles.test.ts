import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { config } from '@/lib/config';
import { FAKE_NOTIFY_DEFAULTS, FakeNotify } from '../fakes/fake-notify';
import { actorFor, makeUser, rawSql, TEST_AUTH_SECRET, useTestDatabase, openCriticalRoom } from './harness';

/**
 * WATCHROOM_ROLE=worker: a real `server.ts` process that runs the job workers and schedules with no HTTP
 * server. This test process plays the web tier (it only enqueues, as a web-only process does: it starts no
 * workers): a room opened here gets its texts sent by the worker process to the fake Notify.
 */
useTestDatabase();

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const fake = new FakeNotify({ ...FAKE_NOTIFY_DEFAULTS, templates: [...FAKE_NOTIFY_DEFAULTS.templates] });
let worker: ChildProcess | undefined;
let workerOutput = '';
let port = 0;
let lead: Actor;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port: p } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(p));
    });
  });
}

/** TCP ports a process listens on, from /proc (its socket inodes matched against the kernel's listen table). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    const link = (() => {
      try {
        return fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        return '';
      }
    })();
    const m = link.match(/^socket:\[(\d+)\]$/);
    if (m) inodes.add(m[1]);
  }
  const ports: number[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // st 0A = LISTEN; column 9 is the inode.
      if (cols.length > 9 && cols[3] === '0A' && inodes.has(cols[9])) ports.push(parseInt(cols[1].split(':')[1], 16));
    }
  }
  return ports;
}

const refused = (p: number) =>
  new Promise<boolean>((resolve) => {
    const s = net.connect(p, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', () => resolve(true));
  });

beforeAll(async () => {
  lead = actorFor(await makeUser({ role: 'incident_lead' }));
  await fake.start();
  port = await freePort();
  worker = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      WATCHROOM_ROLE: 'worker',
      DATABASE_URL: config().DATABASE_URL,
      AUTH_SECRET: TEST_AUTH_SECRET,
      PORT: String(port),
      PUBLIC_URL: 'http://localhost:3000',
      DATA_DIR: path.join(root, '.test-data', `worker-${process.pid}`),
      NOTIFY_API_KEY: fake.apiKey,
      NOTIFY_BASE_URL: fake.url,
      NO_PROXY: '127.0.0.1,localhost',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  worker.stdout!.on('data', (d) => (workerOutput += d));
  worker.stderr!.on('data', (d) => (workerOutput += d));
  const deadline = Date.now() + 50_000;
  while (!workerOutput.includes('Watchroom worker is running')) {
    if (worker.exitCode !== null || Date.now() > deadline) throw new Error(`the worker did not start:\n${workerOutput}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 60_000);

afterAll(async () => {
  if (worker && worker.exitCode === null) {
    const exited = new Promise((r) => worker!.once('exit', r));
    worker.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(path.join(root, '.test-data', `worker-${process.pid}`), { recursive: true, force: true });
  await fake.stop();
});

describe('a worker-only process', () => {
  it('sends the texts of a room opened elsewhere, to Notify', async () => {
    const people = await Promise.all([makeUser({ mobile: '+447700900611' }), makeUser({ mobile: '+447700900612' })]);
    const room = await openCriticalRoom(lead, people.map((p) => p.email));
    const handedOver = async () =>
      (await rawSql()<{ n: number }[]>`select count(*)::int as n from sms_messages where room_id = ${room.id} and status <> 'queued'`)[0].n;
    const deadline = Date.now() + 30_000;
    while ((fake.received.length < 4 || (await handedOver()) < 4) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(fake.received.map((s) => s.phoneNumber).sort()).toEqual(['+447700900611', '+447700900611', '+447700900612', '+447700900612']);
    expect(await handedOver()).toBe(4);
  });

  it('answers no HTTP: nothing listens on its PORT, and it holds no listening socket at all', async () => {
    expect(worker!.exitCode).toBeNull();
    expect(await refused(port)).toBe(true);
    expect(listeningPorts(worker!.pid!)).toEqual([]);
    // The probe itself works: this process does listen, for the fake Notify.
    expect(listeningPorts(process.pid)).toContain(Number(new URL(fake.url).port));
  });

  it('runs the schedules (one per recurring job, in the shared database)', async () => {
    const schedules = await rawSql()<{ name: string }[]>`select name from pgboss.schedule order by name`;
    expect(schedules.map((s) => s.name)).toEqual(expect.arrayContaining(['sms-sweep', 'sms-poll-receipts', 'retention-daily']));
  });
});
