import { sql, type SQL } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Tx } from '@/db/client';
import { config } from '@/lib/config';

/**
 * pg-boss on the application database. Jobs are inserted through the caller's transaction, so a job
 * exists if and only if the change that caused it committed.
 */
export const QUEUES = { smsSend: 'sms-send', smsSweep: 'sms-sweep', smsPollReceipts: 'sms-poll-receipts', smsPollReplies: 'sms-poll-replies', smsEscalate: 'sms-escalate', emailSend: 'email-send', dormantAccounts: 'dormant-accounts', sanctionExpiry: 'sanction-expiry' } as const;

type Holder = { __watchroomBoss?: { url: string; boss: PgBoss } };

export function createBoss(url: string): PgBoss {
  return new PgBoss({
    connectionString: url,
    max: 4,
    retryLimit: 8,
    retryDelay: 2,
    retryBackoff: true,
    expireInSeconds: 120,
    application_name: 'watchroom-jobs',
    // A web-only process (WATCHROOM_ROLE=web) enqueues; maintenance and cron schedules run in the workers.
    supervise: config().WATCHROOM_ROLE !== 'web',
    schedule: config().WATCHROOM_ROLE !== 'web',
  });
}

/** The process's boss, created on first use (it needs no start() to insert jobs). */
export function getBoss(url: string): PgBoss {
  const holder = globalThis as Holder;
  if (!holder.__watchroomBoss || holder.__watchroomBoss.url !== url) {
    holder.__watchroomBoss = { url, boss: createBoss(url) };
  }
  return holder.__watchroomBoss.boss;
}

export async function startBoss(url: string): Promise<PgBoss> {
  const boss = getBoss(url);
  boss.on('error', (e) => console.error('[jobs]', e instanceof Error ? e.message : e));
  await boss.start();
  for (const name of Object.values(QUEUES)) {
    if (!(await boss.getQueue(name))) await boss.createQueue(name);
  }
  return boss;
}

export async function stopBoss() {
  const holder = globalThis as Holder;
  const current = holder.__watchroomBoss;
  holder.__watchroomBoss = undefined;
  if (current) await current.boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
}

/** pg-boss gives us `$1`-style SQL; run it on the drizzle transaction so it commits with our rows. */
export function bossDbFor(tx: Tx) {
  return {
    executeSql: async (text: string, values: unknown[]) => {
      const rows = await tx.execute(withParams(text, values));
      return { rows: rows as unknown as Record<string, unknown>[] };
    },
  };
}

function withParams(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1]}`);
  });
  return sql.join(chunks);
}

export type JobToInsert = { name: string; data: Record<string, unknown>; startAfter?: Date; id?: string };

export async function insertJobsInTx(tx: Tx, jobs: JobToInsert[]) {
  if (jobs.length === 0) return;
  await getBoss(config().DATABASE_URL!).insert(jobs, { db: bossDbFor(tx) });
}
