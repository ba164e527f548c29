import type PgBoss from 'pg-boss';
import { config } from '@/lib/config';
import { QUEUES } from '@/lib/jobs';
import { logger } from '@/lib/logger';
import { deliverSms } from './deliver-sms';
import type { SmsGateway } from './notify-client';
import { pollMissingReceipts } from './poll-receipts';
import { processSmsReplies } from './sms-replies';
import { escalateIfUnacknowledged } from './escalate';
import { sweepQueuedTexts } from './sweeper';

type SmsJob = { smsId: string };

/**
 * Works the SMS queue: SMS_SEND_WORKERS loops, each sending a batch concurrently; each job fails (and is
 * retried) on its own.
 * Every minute (pg-boss cron, one run across all processes) queued texts without a live job are swept
 * back in, and texts with no receipt are polled.
 */
export async function startSmsWorker(boss: PgBoss, gateway: SmsGateway, opts: { schedules?: boolean } = {}) {
  surviveDatabaseLossInPgBoss();
  const sendBatch = async (jobs: PgBoss.Job<SmsJob>[]) => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          const outcome = await deliverSms(job.data.smsId, gateway);
          logger.info({ smsId: job.data.smsId, outcome }, 'sms job done');
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          logger.warn({ smsId: job.data.smsId, reason: message }, 'sms job will be retried');
          // With the database gone this fails too: the job then stays active until it expires, and the
          // sweeper gives the text a new job once its lease has run out.
          await boss.fail(QUEUES.smsSend, job.id, { message }).catch((e: unknown) => {
            logger.warn({ smsId: job.data.smsId, reason: e instanceof Error ? e.message : String(e) }, 'could not mark the sms job failed');
          });
        }
      }),
    );
  };
  // Several loops, so one batch's slowest text does not hold up the next batch (pg-boss waits for a whole batch).
  const ids: string[] = [];
  for (let i = 0; i < config().SMS_SEND_WORKERS; i += 1) {
    ids.push(await boss.work<SmsJob>(QUEUES.smsSend, { batchSize: 20, pollingIntervalSeconds: 0.5 }, sendBatch));
  }
  await boss.work(QUEUES.smsSweep, { pollingIntervalSeconds: 1 }, async () => {
    const result = await sweepQueuedTexts();
    if (result.requeued) logger.info(result, 'swept queued texts back into the queue');
  });
  await boss.work(QUEUES.smsPollReceipts, { pollingIntervalSeconds: 5 }, async () => {
    const result = await pollMissingReceipts(gateway);
    if (result.polled) logger.info(result, 'polled Notify for missing receipts');
  });
  await boss.work(QUEUES.smsPollReplies, { pollingIntervalSeconds: 5 }, async () => {
    const result = await processSmsReplies(gateway);
    if (result.acknowledged) logger.info(result, 'acknowledgements by SMS reply');
  });
  await boss.work<{ roomId: string; organisationId: string }>(QUEUES.smsEscalate, { pollingIntervalSeconds: 5 }, async ([job]) => {
    const outcome = await escalateIfUnacknowledged(job.data.roomId, job.data.organisationId);
    logger.info({ roomId: job.data.roomId, organisationId: job.data.organisationId, outcome }, 'escalation checked');
  });
  if (opts.schedules !== false) {
    await boss.schedule(QUEUES.smsPollReplies, '* * * * *');
    await boss.schedule(QUEUES.smsSweep, '* * * * *');
    await boss.schedule(QUEUES.smsPollReceipts, '* * * * *');
  }
  return ids[0];
}

const guardKey = Symbol.for('watchroom.pgBossConnectionGuard');

/**
 * pg-boss 10 completes and fails a worker's jobs without awaiting (manager.js `onFetch`), so when the
 * database goes away mid-batch (a restart, a failover) that promise rejects with nobody to catch it, and
 * Node ends the process. Such a rejection is only lost bookkeeping: the job stays active until pg-boss
 * expires it, and the text's own row (status, lease) keeps it from being sent twice. So a lost database
 * connection is logged and survived; every other unhandled rejection still ends the process as before.
 */
function surviveDatabaseLossInPgBoss() {
  const holder = globalThis as { [guardKey]?: true };
  if (holder[guardKey]) return;
  holder[guardKey] = true;
  process.on('unhandledRejection', (reason) => {
    if (isLostDatabaseConnection(reason)) {
      logger.warn({ reason: (reason as Error).message }, 'database connection lost; jobs will be picked up again');
      return;
    }
    setImmediate(() => {
      throw reason;
    });
  });
}

const CONNECTION_LOST_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED']);

export function isLostDatabaseConnection(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  const code = String((reason as { code?: unknown }).code ?? '');
  if (CONNECTION_LOST_CODES.has(code) || code.startsWith('08')) return true;
  return /Connection terminated|Client has encountered a connection error|connect ECONNREFUSED|database system is (shutting down|starting up)/i.test(reason.message);
}
