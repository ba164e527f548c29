import { createAdapter } from '@socket.io/postgres-adapter';
import pg from 'pg';
import { logger } from '@/lib/logger';

/** The table from migration 0001 that carries payloads over NOTIFY's 8,000-byte limit. */
export const ATTACHMENTS_TABLE = 'socket_io_attachments';
export const REALTIME_APPLICATION_NAME = 'watchroom-realtime';

export type RealtimeAdapter = { adapter: ReturnType<typeof createAdapter>; close: () => Promise<void> };

/**
 * socket.io's PostgreSQL adapter: every process LISTENs on one channel, so an emit, `socketsLeave` or
 * `disconnectSockets` in one process reaches the sockets connected to all of them.
 *
 * The adapter keeps one pooled client checked out for LISTEN and reconnects when that client ends.
 * Two gaps are closed here: a checked-out client that loses its connection emits `error`, which would
 * crash the process with no listener; and the dead client would never go back to the pool, so each
 * database restart would leak a slot until publishing (which uses the same pool) starved. Every client
 * therefore gets an error listener that logs and removes it from the pool; the adapter then sees `end`
 * and listens again on a fresh connection. TCP keep-alive notices a silently dropped connection.
 */
export function createRealtimeAdapter(databaseUrl: string): RealtimeAdapter {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 4,
    keepAlive: true,
    connectionTimeoutMillis: 10_000,
    application_name: REALTIME_APPLICATION_NAME,
  });
  pool.on('error', (err) => logger.warn({ err: err.message }, 'realtime: idle database connection failed'));
  pool.on('connect', (client) => {
    client.on('error', (err) => {
      logger.warn({ err: err.message }, 'realtime: database connection lost; listening again');
      const checkedOut = client as pg.PoolClient;
      try {
        // Removes the broken client from the pool; throws if the pool already took it back (idle client).
        checkedOut.release?.(err);
      } catch {
        // already released
      }
    });
  });
  const adapter = createAdapter(pool, {
    tableName: ATTACHMENTS_TABLE,
    errorHandler: (err) => logger.warn({ err: err?.message }, 'realtime: adapter error'),
  });
  return { adapter, close: () => pool.end().catch(() => {}) };
}
