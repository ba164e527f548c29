import type PgBoss from 'pg-boss';
import { logger } from '@/lib/logger';
import { archiveLongClosedRooms } from './archive-closed-rooms';
import { redactOldSmsPhones } from './redact-sms-phones';

export const RETENTION_QUEUE = 'retention-daily';

/** Runs the retention rules once a day (03:15 UTC; one run across all processes, pg-boss's schedule). */
export async function runRetention(now = new Date()) {
  const phones = await redactOldSmsPhones(now);
  const rooms = await archiveLongClosedRooms(now);
  return { phonesRedacted: phones.redacted, roomsArchived: rooms.archived.length };
}

export async function startRetentionWorker(boss: PgBoss) {
  if (!(await boss.getQueue(RETENTION_QUEUE))) await boss.createQueue(RETENTION_QUEUE);
  await boss.work(RETENTION_QUEUE, { pollingIntervalSeconds: 60 }, async () => {
    const result = await runRetention();
    logger.info(result, 'retention run');
  });
  await boss.schedule(RETENTION_QUEUE, '15 3 * * *');
}
