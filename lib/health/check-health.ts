import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { config } from '@/lib/config';

/**
 * What a load balancer and an on-call person need, from one small query: the database answers, the SMS queue
 * (how many texts wait and how long the oldest has waited), whether sending is paused or held, and this
 * process's role. Counts and times only: nothing about any room or person.
 */
export type Health = {
  status: 'ok' | 'degraded' | 'unavailable';
  role: 'all' | 'web' | 'worker';
  database: 'ok' | 'unreachable';
  queue?: { queuedTexts: number; oldestQueuedSeconds: number | null; stalled: boolean };
  sending?: { paused: boolean; heldUntil: string | null };
};

const TIMEOUT_MS = 3_000;

export async function checkHealth(): Promise<Health> {
  const c = config();
  try {
    const rows = await withTimeout(
      getDb().execute<{ queued: number; oldest: number | null; paused: boolean | null; held_until: Date | string | null }>(sql`
        select
          (select count(*)::int from sms_messages where status = 'queued') as queued,
          (select extract(epoch from now() - min(created_at))::float8 from sms_messages where status = 'queued') as oldest,
          (select paused from sending_controls where id = 'global') as paused,
          (select held_until from sending_controls where id = 'global' and held_until > now()) as held_until`),
      TIMEOUT_MS,
    );
    const [r] = rows;
    const paused = r.paused ?? false;
    const heldUntil = r.held_until ? new Date(r.held_until).toISOString() : null;
    const oldest = r.oldest === null ? null : Math.max(0, Math.floor(Number(r.oldest)));
    const stalled = !paused && !heldUntil && oldest !== null && oldest > c.HEALTH_QUEUE_STALE_SECONDS;
    return {
      status: stalled ? 'degraded' : 'ok',
      role: c.WATCHROOM_ROLE,
      database: 'ok',
      queue: { queuedTexts: r.queued, oldestQueuedSeconds: oldest, stalled },
      sending: { paused, heldUntil },
    };
  } catch {
    return { status: 'unavailable', role: c.WATCHROOM_ROLE, database: 'unreachable' };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('health check timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
