import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, inject } from 'vitest';
import { closeDb, getDb, getSql, schema, type Db } from '@/db/client';
import type { Actor, Role } from '@/lib/auth/actor';
import { hashPassword } from '@/lib/auth/password';
import { setRuntimeEnv } from '@/lib/config';
import { createRoom } from '@/lib/incidents/create-room';

/**
 * Integration-test harness. Call `useTestDatabase()` once at the top of a test file: before the file's
 * tests it clones a database from the migrated template (our schema and pg-boss's), points the app's
 * configuration at it, and after them closes the pools and drops it. The factories write real rows.
 */

export const TEST_PASSWORD = 'correct horse battery staple';
export const TEST_AUTH_SECRET = 'test-auth-secret-0123456789abcdef0123456789abcdef';

type Organisation = typeof schema.organisations.$inferSelect;
type User = typeof schema.users.$inferSelect;
export type TestUser = User & { password: string };

export function useTestDatabase() {
  const { adminUrl, serverUrl, templateDatabase } = inject('testPostgres');
  const name = `t_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`create database "${name}" template "${templateDatabase}"`);
    } finally {
      await admin.end({ timeout: 5 });
    }
    const databaseUrl = `${serverUrl}/${name}`;
    for (const key of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy']) delete process.env[key];
    process.env.NO_PROXY = '127.0.0.1,localhost';
    process.env.no_proxy = '127.0.0.1,localhost';
    delete process.env.NOTIFY_API_KEY;
    process.env.LOG_LEVEL = 'silent';
    setRuntimeEnv({ DATABASE_URL: databaseUrl, AUTH_SECRET: TEST_AUTH_SECRET, NEXTAUTH_URL: 'http://localhost:3000' });
  });

  afterAll(async () => {
    await closeDb();
    const holder = globalThis as { __watchroomBoss?: unknown };
    holder.__watchroomBoss = undefined;
    const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  });
}

export function db(): Db {
  return getDb();
}

/** Raw SQL on the file's database (counts, pgboss.job, direct state changes). */
export function rawSql() {
  return getSql();
}

// ── factories ────────────────────────────────────────────────────────────────

let counter = 0;
const unique = () => `${(++counter).toString(36).toUpperCase()}${randomBytes(2).toString('hex').toUpperCase()}`;

export async function makeOrg(
  opts: { odsCode?: string; name?: string; type?: Organisation['type'] } = {},
): Promise<Organisation> {
  const code = opts.odsCode ?? `T${unique()}`.slice(0, 10);
  const [org] = await getDb()
    .insert(schema.organisations)
    .values({ odsCode: code, name: opts.name ?? `Test Trust ${code}`, type: opts.type ?? 'acute_trust', region: 'Test' })
    .returning();
  return org;
}

let passwordHash: Promise<string> | undefined;
let mobileCounter = 300;

/** Drama-range mobiles (07700 900xxx), clear of Notify's smoke-test and test-key failure numbers. */
export function nextMobile(): string {
  mobileCounter += 1;
  if (mobileCounter > 999) mobileCounter = 300;
  return `+447700900${mobileCounter}`;
}

export async function makeUser(
  opts: {
    role?: Role;
    mobile?: string | null;
    mobileVerified?: boolean;
    status?: User['status'];
    organisation?: Organisation;
    email?: string;
    name?: string;
    password?: string;
  } = {},
): Promise<TestUser> {
  const organisation = opts.organisation ?? (await makeOrg());
  const password = opts.password ?? TEST_PASSWORD;
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = password === TEST_PASSWORD ? await passwordHash : await hashPassword(password);
  const id = unique().toLowerCase();
  const [user] = await getDb()
    .insert(schema.users)
    .values({
      name: opts.name ?? `Test Person ${id}`,
      email: opts.email ?? `person.${id}@test.nhs.uk`,
      organisationId: organisation.id,
      role: opts.role ?? 'member',
      status: opts.status ?? 'active',
      passwordHash: hash,
      mobile: opts.mobile === undefined ? nextMobile() : opts.mobile,
      mobileVerified: opts.mobileVerified ?? true,
    })
    .returning();
  return { ...user, password };
}

export function actorFor(user: Pick<User, 'id' | 'name' | 'email' | 'role' | 'organisationId'>): Actor {
  return { id: user.id, name: user.name, email: user.email, role: user.role, organisationId: user.organisationId };
}

export async function makeChannel(opts: { slug?: string; name?: string; archived?: boolean } = {}) {
  const slug = opts.slug ?? `channel-${unique().toLowerCase()}`;
  const [channel] = await getDb()
    .insert(schema.channels)
    .values({ slug, name: opts.name ?? `Channel ${slug}`, archivedAt: opts.archived ? new Date() : null })
    .returning();
  return channel;
}

// ── inspection ───────────────────────────────────────────────────────────────

export type RowCounts = Record<string, number>;

/**
 * Row counts of every table in the public schema plus pg-boss's jobs (`pgboss.job`): compare before and
 * after a refused call to prove it wrote nothing. Tables added by later migrations are counted too.
 */
export async function rowCounts(): Promise<RowCounts> {
  const sqlc = getSql();
  const tables = await sqlc<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const parts = tables.map((t) => `(select count(*)::int from public."${t.name}") as "${t.name}"`);
  const [row] = await sqlc.unsafe(`select ${[...parts, '(select count(*)::int from pgboss.job) as "pgboss.job"'].join(', ')}`);
  return { ...row } as RowCounts;
}

export type SmsJob = { id: string; smsId: string; startAfter: Date; state: string; xmin: string };

export async function smsJobs(): Promise<SmsJob[]> {
  const rows = await getDb().execute<{ id: string; sms_id: string; start_after: Date; state: string; xmin: string }>(
    sql`select id, data->>'smsId' as sms_id, start_after, state, xmin::text as xmin from pgboss.job where name = 'sms-send' order by created_on, id`,
  );
  return rows.map((r) => ({ id: r.id, smsId: r.sms_id, startAfter: new Date(r.start_after), state: r.state, xmin: r.xmin }));
}

/** A syntactically valid id that names nothing. */
export const randomId = () => randomUUID();

/** What a caller can observe of a thrown error, for comparing two refusals or searching for leaks. */
export function describeError(error: unknown) {
  if (error instanceof Error) {
    const e = error as Error & { code?: unknown; status?: unknown; fields?: unknown };
    return { name: e.name, message: e.message, code: e.code, status: e.status, fields: e.fields };
  }
  return { thrown: String(error) };
}

/** Runs fn and returns the error it throws (failing the test when it does not throw). */
export async function errorOf(fn: () => Promise<unknown>): Promise<ReturnType<typeof describeError>> {
  try {
    await fn();
  } catch (error) {
    return describeError(error);
  }
  throw new Error('expected the call to throw');
}

export { schema };

/**
 * Opens a critical incident room (the PACS ransomware scenario) that texts the invited people: the usual
 * starting point of the alerting tests.
 */
export function openCriticalRoom(lead: Actor, invitedEmails: string[]) {
  return createRoom(lead, {
    title: 'Ransomware on the PACS servers at Riverside',
    severity: 'critical',
    tlp: 'AMBER',
    summary: 'Encrypted imaging archive; attacker in via the vendor VPN.',
    publicHeadline: 'Cyber incident affecting imaging services',
    invite: { users: invitedEmails },
  });
}
