import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PgBoss from 'pg-boss';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../db/embedded';
import { migrateDatabase } from '../../db/migrate';
import { QUEUES } from '../../lib/jobs';

/**
 * Starts ONE embedded PostgreSQL for the whole vitest run, migrates a template database once (our schema
 * plus pg-boss's, with its queues), and hands the connection details to the test files through `provide`.
 * Each integration file then clones its own database from the template (see harness.ts).
 */
export type TestPostgres = {
  /** Superuser URL of the maintenance database `postgres`, for CREATE/DROP DATABASE. */
  adminUrl: string;
  /** `postgres://user:password@host:port` with no database; a file appends its own. */
  serverUrl: string;
  templateDatabase: string;
};

declare module 'vitest' {
  export interface ProvidedContext {
    testPostgres: TestPostgres;
  }
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const TEMPLATE = 'watchroom_template';

export default async function setup(project: TestProject) {
  const started = Date.now();
  const dataDir = makeDataDir();
  const { embedded, port } = await startOnFreePort(dataDir);
  const templateUrl = embedded.url;
  const serverUrl = templateUrl.slice(0, templateUrl.lastIndexOf('/'));
  const adminUrl = `${serverUrl}/postgres`;

  try {
    await migrateDatabase(templateUrl);
    await installJobQueues(templateUrl);
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      // No connection to the template may stay open, or CREATE DATABASE … TEMPLATE fails; forbid them outright.
      await admin.unsafe(`alter database "${TEMPLATE}" with is_template true allow_connections false`);
      await admin.unsafe(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${TEMPLATE}' and pid <> pg_backend_pid()`,
      );
    } finally {
      await admin.end({ timeout: 5 });
    }
  } catch (error) {
    await embedded.stop().catch(() => {});
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  project.provide('testPostgres', { adminUrl, serverUrl, templateDatabase: TEMPLATE });
  if (process.env.TEST_VERBOSE) console.error(`[test-postgres] ready on port ${port} in ${Date.now() - started} ms (${dataDir})`);

  return async () => {
    await embedded.stop().catch((e) => console.error('[test-postgres] stop failed:', e));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

/** The port is free when chosen but another process may take it first: try again with another. */
async function startOnFreePort(dataDir: string) {
  let lastError: unknown;
  for (let attempt = 1; attempt <= 3; attempt++) {
    const port = await freePort();
    try {
      const embedded = await startEmbeddedPostgres({
        dataDir,
        port,
        database: TEMPLATE,
        log: (line) => console.error(`[test-postgres] ${line}`),
      });
      return { embedded, port };
    } catch (error) {
      lastError = error ?? new Error(`postgres exited while starting on port ${port}`);
    }
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
  throw lastError;
}

/** pg-boss creates its schema on start(); the sms queue must exist (pgboss.job is partitioned by queue). */
async function installJobQueues(url: string) {
  const boss = new PgBoss({ connectionString: url, max: 1, supervise: false, schedule: false, migrate: true });
  boss.on('error', (e) => console.error('[test-postgres] pg-boss:', e));
  await boss.start();
  try {
    for (const name of Object.values(QUEUES)) if (!(await boss.getQueue(name))) await boss.createQueue(name);
  } finally {
    await boss.stop({ graceful: false, wait: true, close: true });
  }
}

/**
 * A fresh directory under the repo's .test-data/ (gitignored). As root, postgres runs as the `postgres`
 * user, which must be able to reach the directory: when a parent is closed to others (a clone under
 * /root), fall back to the system temp directory.
 */
function makeDataDir(): string {
  const base = path.join(repoRoot, '.test-data');
  fs.mkdirSync(base, { recursive: true });
  removeAbandonedRuns(base);
  const runningAsRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const parent = runningAsRoot && !reachableByOthers(base) ? os.tmpdir() : base;
  const dir = fs.mkdtempSync(path.join(parent, 'run-'));
  fs.chmodSync(dir, 0o755);
  return dir;
}

function reachableByOthers(dir: string): boolean {
  let current = path.resolve(dir);
  for (;;) {
    if ((fs.statSync(current).mode & 0o001) === 0) return false;
    const up = path.dirname(current);
    if (up === current) return true;
    current = up;
  }
}

/** Runs killed without teardown leave their data dirs; remove those whose postgres is no longer running. */
function removeAbandonedRuns(base: string) {
  for (const entry of fs.readdirSync(base)) {
    if (!entry.startsWith('run-')) continue;
    const dir = path.join(base, entry);
    const pidFile = path.join(dir, 'postgres', 'postmaster.pid');
    let alive = false;
    if (fs.existsSync(pidFile)) {
      const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
      try {
        if (pid) {
          process.kill(pid, 0);
          alive = true;
        }
      } catch {
        alive = false;
      }
    }
    // A run that is still starting has no pid file yet: leave anything younger than a minute alone.
    const young = Date.now() - fs.statSync(dir).mtimeMs < 60_000;
    if (!alive && !young) fs.rmSync(dir, { recursive: true, force: true });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
