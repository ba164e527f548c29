import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { insertJobsInTx, QUEUES } from '@/lib/jobs';
import { smsLeaseMs } from './deliver-sms';
import { getSendingState, sendingBlockedBy } from './sending-controls';

/**
 * Gives a job back to every `queued` text that has none alive (its job was lost, completed while sending
 * was paused, or failed for good, or its worker died: a job `active` for longer than a lease with its text
 * unclaimed belongs to a killed process, which pg-boss would only notice when the job expires). Safe to run at any time and from any process: delivering a text is
 * idempotent per row, and a claimed row is left to its worker. A signpost waits until its alert has been handed over (if the alert failed, so
 * does its signpost wait: re-sending the alert sends it).
 */
export async function sweepQueuedTexts(limit = 5000): Promise<{ requeued: number; blocked: boolean }> {
  if (sendingBlockedBy(await getSendingState())) return { requeued: 0, blocked: true };
  const leaseMs = smsLeaseMs();
  return getDb().transaction(async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`
      select s.id from sms_messages s
      where s.status = 'queued'
        and (s.claimed_until is null or s.claimed_until < now())
        and not exists (
          select 1 from pgboss.job j
          where j.name = ${QUEUES.smsSend} and j.data->>'smsId' = s.id::text
            and (j.state in ('created', 'retry') or (j.state = 'active' and j.started_on > now() - ${`${leaseMs} milliseconds`}::interval)))
        and (s.kind = 'alert' or exists (
          select 1 from sms_messages a
          where a.room_id = s.room_id and a.phone = s.phone and a.kind = 'alert' and a.status in ('sending', 'delivered')))
      order by s.created_at, s.kind
      limit ${limit}`);
    await insertJobsInTx(tx, rows.map((r) => ({ name: QUEUES.smsSend, data: { smsId: r.id } })));
    return { requeued: rows.length, blocked: false };
  });
}
