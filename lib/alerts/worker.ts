import type PgBoss from 'pg-boss';
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
 * Works the SMS queue: a batch is sent concurrently; each job fails (and is retried) on its own.
 * Every minute (pg-boss cron, one run across all processes) queued texts without a live job are swept
 * back in, and texts with no receipt are polled.
 */
export async function startSmsWorker(boss: PgBoss, gateway: SmsGateway, opts: { schedules?: boolean } = {}) {
  const id = await boss.work<SmsJob>(QUEUES.smsSend, { batchSize: 20, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          const outcome = await deliverSms(job.data.smsId, gateway);
          logger.info({ smsId: job.data.smsId, outcome }, 'sms job done');
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          logger.warn({ smsId: job.data.smsId, reason: message }, 'sms job will be retried');
          await boss.fail(QUEUES.smsSend, job.id, { message });
        }
      }),
    );
  });
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
  return id;
}
