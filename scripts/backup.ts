import fs from 'node:fs';
import path from 'node:path';
import { config } from '../lib/config';
import { libpqEnv, openDatabaseTarget, pgTool, run, serverMajor } from './database-target';

/**
 * `npm run backup [-- FILE]`: a consistent dump (pg_dump's custom format, one snapshot) of the app's database —
 * DATABASE_URL, or the embedded one in DATA_DIR (see database-target.ts). Without FILE it writes
 * DATA_DIR/backups/watchroom-<UTC time>.dump. Written to a temporary file and renamed, so a FILE that exists
 * is always a complete dump; readable by the owner only (it holds personal data).
 */
async function main() {
  const file = path.resolve(process.argv[2] ?? path.join(config().dataDir, 'backups', `watchroom-${new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.dump`));
  const target = await openDatabaseTarget();
  try {
    const major = await serverMajor(target.url);
    const pgDump = pgTool('pg_dump', major);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const partial = `${file}.partial`;
    await run(pgDump, ['--format=custom', '--compress=6', '--no-owner', '--no-privileges', `--file=${partial}`], libpqEnv(target.url));
    fs.chmodSync(partial, 0o600);
    fs.renameSync(partial, file);
    console.log(`Backed up ${target.describe} to ${file} (${fs.statSync(file).size} bytes).`);
  } finally {
    await target.release();
  }
}

main().catch((error) => {
  console.error(`Backup failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
