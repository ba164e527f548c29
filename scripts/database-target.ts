import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { startEmbeddedPostgres } from '../db/embedded';
import { config } from '../lib/config';

/**
 * Which database `npm run backup` / `npm run restore` work on, the same one the app would use:
 * DATABASE_URL when set (a managed PostgreSQL, or another process's database); otherwise the embedded
 * database in DATA_DIR — reached on its running server when the app is up (its port is in postmaster.pid),
 * or started just for the operation and stopped after it when the app is down.
 */
export type DatabaseTarget = { url: string; describe: string; release: () => Promise<void> };

export async function openDatabaseTarget(): Promise<DatabaseTarget> {
  const c = config();
  if (c.DATABASE_URL) return { url: c.DATABASE_URL, describe: redact(c.DATABASE_URL), release: async () => {} };
  const databaseDir = path.join(c.dataDir, 'postgres');
  const passwordFile = path.join(c.dataDir, 'postgres-password');
  const running = runningPort(databaseDir);
  if (running && fs.existsSync(passwordFile)) {
    const password = fs.readFileSync(passwordFile, 'utf8').trim();
    const url = `postgres://watchroom:${encodeURIComponent(password)}@127.0.0.1:${running}/watchroom`;
    return { url, describe: `the running embedded database in ${databaseDir}`, release: async () => {} };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: c.dataDir, port: c.EMBEDDED_PG_PORT });
  return { url: embedded.url, describe: `the embedded database in ${databaseDir} (started for this)`, release: () => embedded.stop() };
}

/** The port of a live postmaster for this data directory, from its pid file; null when none runs. */
function runningPort(databaseDir: string): number | null {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return null;
  const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  try {
    if (!pid) return null;
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: alive, owned by the postgres user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  return Number(lines[3]) || null;
}

/** libpq environment for a URL, so the password never appears on a command line. */
export function libpqEnv(url: string): Record<string, string> {
  const u = new URL(url);
  return {
    PGHOST: u.hostname,
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username),
    PGPASSWORD: decodeURIComponent(u.password),
    PGDATABASE: decodeURIComponent(u.pathname.replace(/^\//, '')),
    ...(u.searchParams.get('sslmode') ? { PGSSLMODE: u.searchParams.get('sslmode')! } : {}),
  };
}

export function redact(url: string) {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

/**
 * pg_dump/pg_restore of the server's major version or newer (an older client cannot dump a newer server).
 * Debian's postgresql-client-15 installs them in /usr/lib/postgresql/15/bin and on PATH.
 */
export function pgTool(name: 'pg_dump' | 'pg_restore', serverMajor: number): string {
  const candidates = [
    ...fs.existsSync('/usr/lib/postgresql') ? fs.readdirSync('/usr/lib/postgresql').map((v) => `/usr/lib/postgresql/${v}/bin/${name}`) : [],
    name,
  ];
  for (const bin of candidates) {
    try {
      const out = execFileSync(bin, ['--version'], { encoding: 'utf8' });
      const major = Number(out.match(/(\d+)(?:\.\d+)?/)?.[1]);
      if (major >= serverMajor) return bin;
    } catch {
      // not this one
    }
  }
  throw new Error(`${name} for PostgreSQL ${serverMajor} or newer was not found: install it (Debian: apt-get install postgresql-client-${serverMajor}).`);
}

export async function serverMajor(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ v }] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    return Math.floor(Number(v) / 10000);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export function run(bin: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(bin)} exited with ${code}`))));
  });
}
