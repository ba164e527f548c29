import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { libpqEnv, openDatabaseTarget, pgTool, run, serverMajor } from './database-target';

/**
 * `npm run restore -- FILE`: restores a `npm run backup` dump into the app's database (DATABASE_URL, or the
 * embedded one in DATA_DIR), which must be EMPTY — no tables at all — so a restore can never mix with or
 * overwrite live data. One transaction: it restores completely or not at all. Start the app afterwards.
 */
async function main() {
  const arg = process.argv[2];
  if (!arg) throw new Error('Name the backup file: npm run restore -- FILE');
  const file = path.resolve(arg);
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist.`);
  const target = await openDatabaseTarget();
  try {
    const tables = await userTables(target.url);
    if (tables > 0) {
      throw new Error(
        `${target.describe} is not empty (${tables} tables). Restore only into an empty database: create a new one ` +
          '(or move DATA_DIR aside), point DATABASE_URL or DATA_DIR at it, and run the restore again.',
      );
    }
    const pgRestore = pgTool('pg_restore', await serverMajor(target.url));
    const env = libpqEnv(target.url);
    await run(pgRestore, ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${env.PGDATABASE}`, file], env);
    console.log(`Restored ${file} into ${target.describe}.`);
  } finally {
    await target.release();
  }
}

async function userTables(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_class c join pg_namespace s on s.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm', 'S') and s.nspname not in ('pg_catalog', 'information_schema') and s.nspname not like 'pg_toast%'`;
    return n;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

main().catch((error) => {
  console.error(`Restore refused: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
