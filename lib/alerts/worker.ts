import type PgBoss from 'pg-boss';
import { QUEUES } from '@/lib/jobs';
import { logger } from '@/lib/logger';
import { deliverSms } from './deliver-sms';
import type { SmsGateway } from './notify-client';

type SmsJob = { smsId: string };

/** Works the SMS queue: a batch is sent concurrently; each job fails (and is retried) on its own. */
export async function startSmsWorker(boss: PgBoss, gateway: SmsGateway) {
  return boss.work<SmsJob>(QUEUES.smsSend, { batchSize: 20, pollingIntervalSeconds: 0.5 }, async (jobs) => {
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
}
