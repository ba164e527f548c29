import type PgBoss from 'pg-boss';
import { QUEUES } from '@/lib/jobs';
import { logger } from '@/lib/logger';
import { deliverEmail } from './deliver-email';
import type { EmailGateway } from './gateway';

type EmailJob = { emailId: string };

/** Works the email queue: each job sends one outbox row; a transient failure fails the job so pg-boss retries it with backoff. */
export async function startEmailWorker(boss: PgBoss, gateway: EmailGateway) {
  return boss.work<EmailJob>(QUEUES.emailSend, { batchSize: 10, pollingIntervalSeconds: 1 }, async (jobs) => {
    await Promise.all(
      jobs.map(async (job) => {
        try {
          const { outcome, retryAt } = await deliverEmail(job.data.emailId, gateway);
          if (retryAt) await boss.send(QUEUES.emailSend, { emailId: job.data.emailId }, { startAfter: retryAt });
          logger.info({ emailId: job.data.emailId, outcome }, 'email job done');
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          logger.warn({ emailId: job.data.emailId, reason: message }, 'email job will be retried');
          await boss.fail(QUEUES.emailSend, job.id, { message });
        }
      }),
    );
  });
}
