import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { config } from '@/lib/config';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
/** A transaction handle, or the database itself: use cases accept either so they compose. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0] | Db;

type Holder = { __watchroomDb?: { url: string; sql: postgres.Sql; db: Db } };

/** One pool per process, cached on globalThis so Next's bundles and server.ts share it. */
export function getDb(): Db {
  return pool().db;
}

export function getSql(): postgres.Sql {
  return pool().sql;
}

function pool() {
  const holder = globalThis as Holder;
  const url = config().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: server.ts starts the embedded database before anything queries');
  if (!holder.__watchroomDb || holder.__watchroomDb.url !== url) {
    const sql = postgres(url, { max: 10, onnotice: () => {}, connection: { application_name: 'watchroom' } });
    holder.__watchroomDb = { url, sql, db: drizzle(sql, { schema }) };
  }
  return holder.__watchroomDb;
}

export async function closeDb() {
  const holder = globalThis as Holder;
  const current = holder.__watchroomDb;
  holder.__watchroomDb = undefined;
  if (current) await current.sql.end({ timeout: 5 });
}

export { schema };
