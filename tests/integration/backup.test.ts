import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedDemoIfEmpty } from '@/db/seed';
import { config } from '@/lib/config';
import { publishBulletin } from '@/lib/incidents/bulletins';
import { actorFor, db, makeUser, useTestDatabase, openCriticalRoom } from './harness';

/**
 * `npm run backup` / `npm run restore` as real processes: a seeded database (the demo plus an alerting room
 * with texts, jobs and a bulletin) is dumped with pg_dump -Fc, restored into another, empty database, and
 * every table of every schema compared by row count and a hash of its ordered rows. A non-empty target is refused.
 */
useTestDatabase();

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'watchroom-backup-'));
const file = path.join(dir, 'seeded.dump');
const restoredName = `r_${Date.now().toString(36)}_${process.pid}`;
let restoredUrl = '';

function script(name: 'backup' | 'restore', args: string[], databaseUrl: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `scripts/${name}.ts`, ...args], {
      cwd: root,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

/** Every table outside the system schemas: schema.table → row count and md5 of its rows in order. */
async function fingerprint(url: string) {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const tables = await sql<{ s: string; t: string }[]>`
      select n.nspname as s, c.relname as t from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
      order by 1, 2`;
    const result: Record<string, { rows: number; hash: string }> = {};
    for (const { s, t } of tables) {
      const q = `"${s}"."${t}"`;
      const [row] = await sql.unsafe(`select count(*)::int as rows, coalesce(md5(string_agg(x::text, E'\\n' order by x::text)), '') as hash from ${q} x`);
      result[`${s}.${t}`] = { rows: row.rows, hash: row.hash };
    }
    return result;
  } finally {
    await sql.end({ timeout: 5 });
  }
}

beforeAll(async () => {
  await seedDemoIfEmpty(db(), 'backup-test-password');
  const lead = actorFor(await makeUser({ role: 'incident_lead' }));
  const people = await Promise.all([makeUser(), makeUser()]);
  const room = await openCriticalRoom(lead, people.map((p) => p.email));
  await publishBulletin(lead, room.id, { headline: 'Imaging restored at two sites', body: 'Attend as planned. £ “quotes” — ünïcode' });
  const { adminUrl, serverUrl } = inject('testPostgres');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${restoredName}"`);
  await admin.end({ timeout: 5 });
  restoredUrl = `${serverUrl}/${restoredName}`;
}, 60_000);

afterAll(async () => {
  const { adminUrl } = inject('testPostgres');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${restoredName}" with (force)`);
  await admin.end({ timeout: 5 });
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('a custom-format dump of a seeded database restores into an empty one with every table’s rows identical', async () => {
    const backup = await script('backup', [file], config().DATABASE_URL!);
    expect(backup.output).toContain(`to ${file}`);
    expect(backup.code).toBe(0);
    // pg_dump's custom format starts with PGDMP; the file is the owner's only.
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);

    const restore = await script('restore', [file], restoredUrl);
    expect(restore.output).toContain('Restored');
    expect(restore.code).toBe(0);

    const original = await fingerprint(config().DATABASE_URL!);
    const restored = await fingerprint(restoredUrl);
    expect(Object.keys(original)).toEqual(expect.arrayContaining(['public.users', 'public.sms_messages', 'public.bulletins', 'pgboss.queue', 'drizzle.__drizzle_migrations']));
    expect(original['public.users'].rows).toBeGreaterThan(3);
    expect(original['public.sms_messages'].rows).toBe(4);
    // pgboss.job is partitioned by queue: its partitions are the tables holding the queued texts' jobs.
    const jobs = Object.entries(original).filter(([name]) => /^pgboss\.j[0-9a-f]{20,}$/.test(name));
    expect(jobs.reduce((n, [, t]) => n + t.rows, 0)).toBeGreaterThan(0);
    expect(restored).toEqual(original);
  }, 120_000);

  it('refuses to restore into a database that is not empty, and changes nothing there', async () => {
    const before = await fingerprint(restoredUrl);
    const again = await script('restore', [file], restoredUrl);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/Restore refused: .* is not empty \(\d+ tables\)\. Restore only into an empty database/);
    expect(again.output).not.toContain(new URL(restoredUrl).password || '\u0000');
    expect(await fingerprint(restoredUrl)).toEqual(before);
  }, 60_000);

  it('says which file is missing', async () => {
    const missing = await script('restore', [path.join(dir, 'nope.dump')], restoredUrl);
    expect(missing.code).toBe(1);
    expect(missing.output).toContain('nope.dump does not exist');
  }, 60_000);
});
