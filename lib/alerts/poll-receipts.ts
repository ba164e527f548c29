import { and, eq, isNotNull, lt, or, isNull, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { config } from '@/lib/config';
import { logger } from '@/lib/logger';
import type { SmsGateway } from './notify-client';
import { acquireNotifyToken } from './notify-rate';
import { applyNotifyStatus } from './receipts';

/**
 * Texts handed to Notify with no receipt after SMS_RECEIPT_POLL_AFTER_MINUTES are asked about with
 * getNotificationById, then again every so often until final (Notify gives up itself after 72 hours).
 */
export async function pollMissingReceipts(gateway: SmsGateway, limit = 200) {
  if (gateway.simulated) return { polled: 0, applied: 0 };
  const minutes = config().SMS_RECEIPT_POLL_AFTER_MINUTES;
  const stale = sql`now() - ${`${minutes} minutes`}::interval`;
  const rows = await getDb()
    .select({ id: schema.smsMessages.id, notifyId: schema.smsMessages.notifyId })
    .from(schema.smsMessages)
    .where(
      and(
        eq(schema.smsMessages.status, 'sending'),
        isNotNull(schema.smsMessages.notifyId),
        lt(schema.smsMessages.sentAt, stale),
        sql`${schema.smsMessages.sentAt} > now() - interval '73 hours'`,
        or(isNull(schema.smsMessages.lastPolledAt), lt(schema.smsMessages.lastPolledAt, stale)),
      ),
    )
    .orderBy(schema.smsMessages.sentAt)
    .limit(limit);
  let applied = 0;
  for (const row of rows) {
    await getDb().update(schema.smsMessages).set({ lastPolledAt: new Date() }).where(eq(schema.smsMessages.id, row.id));
    try {
      await acquireNotifyToken();
      const found = await gateway.getById(row.notifyId!);
      if (found?.status && (await applyNotifyStatus({ id: found.id, reference: found.reference, status: found.status })) === 'applied') applied++;
    } catch (error) {
      logger.warn({ smsId: row.id, reason: error instanceof Error ? error.message : String(error) }, 'receipt poll failed');
    }
  }
  return { polled: rows.length, applied };
}
