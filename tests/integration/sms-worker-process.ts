/**
 * The SMS worker alone in its own process, for tests/integration/sms-crash.test.ts and tests/bench/sms.ts:
 *   DATABASE_URL=… NOTIFY_API_KEY=… NOTIFY_BASE_URL=… npx tsx tests/integration/sms-worker-process.ts
 * Prints `ready` once it works the queue. On SIGTERM it stops cleanly and prints `peak-rss <bytes>`.
 * SMS_WORKER_SCHEDULES=1 also schedules the minute jobs (sweeper, receipt polling) as server.ts does.
 */
import { createSmsGateway } from '@/lib/alerts/notify-client';
import { startSmsWorker } from '@/lib/alerts/worker';
import { closeDb } from '@/db/client';
import { config } from '@/lib/config';
import { startBoss, stopBoss } from '@/lib/jobs';

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

async function main() {
  const boss = await startBoss(config().DATABASE_URL!);
  await startSmsWorker(boss, createSmsGateway(), { schedules: process.env.SMS_WORKER_SCHEDULES === '1' });
  process.stdout.write('ready\n');
}

process.on('SIGTERM', () => {
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  process.stdout.write(`peak-rss ${peakRss}\n`);
  void stopBoss()
    .then(() => closeDb())
    .finally(() => process.exit(0));
});

main().catch((error: unknown) => {
  console.error('sms worker failed to start:', error);
  process.exit(1);
});
