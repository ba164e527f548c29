import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import { emitRoomSmsChanged } from '@/lib/realtime/emit';
import { finish } from './deliver-sms';

/** Notify's statuses that never change again (notify-api.md). `sent` is international: no receipt follows. */
export const FINAL_NOTIFY_STATUSES = ['delivered', 'permanent-failure', 'temporary-failure', 'technical-failure', 'sent'] as const;

const reasons: Record<string, string> = {
  'permanent-failure': 'Notify: permanent failure — the number is wrong or not in service; do not re-send',
  'temporary-failure': 'Notify: temporary failure — the phone was off or out of signal; re-send later',
  'technical-failure': 'Notify: technical failure at Notify — safe to re-send',
};

/** Our ledger status for a Notify status. */
export function ledgerStatusFor(notifyStatus: string): { status: 'sending' | 'delivered' | 'failed'; failureReason: string | null } {
  if (notifyStatus === 'delivered' || notifyStatus === 'sent') return { status: 'delivered', failureReason: null };
  if (notifyStatus in reasons) return { status: 'failed', failureReason: reasons[notifyStatus] };
  return { status: 'sending', failureReason: null };
}

const isFinal = (s: string | null) => s !== null && (FINAL_NOTIFY_STATUSES as readonly string[]).includes(s);

/** The delivery receipt Notify posts to our callback URL. Extra fields are allowed (Notify may add some). */
export const notifyReceipt = z.object({
  id: z.uuid(),
  reference: z.string().max(1000).nullable().optional(),
  to: z.string().max(50).optional(),
  status: z.enum(['created', 'sending', 'pending', 'sent', 'delivered', 'permanent-failure', 'temporary-failure', 'technical-failure']),
  created_at: z.string().optional(),
  completed_at: z.string().nullable().optional(),
  sent_at: z.string().nullable().optional(),
  notification_type: z.literal('sms').optional(),
  template_id: z.string().optional(),
  template_version: z.number().optional(),
});
export type NotifyReceipt = z.infer<typeof notifyReceipt>;

export type ReceiptOutcome = 'applied' | 'ignored' | 'unknown';

/**
 * Applies a status learnt from Notify (a callback or a poll). Idempotent; a final status is never moved,
 * so duplicates and receipts that arrive out of order leave the right answer. A receipt for a text whose
 * hand-over answer was lost (still `queued`, matched by our reference) settles it as the worker would have.
 */
export async function applyNotifyStatus(receipt: {
  id: string;
  reference?: string | null;
  status: string;
  completedAt?: Date | null;
}): Promise<ReceiptOutcome> {
  const db = getDb();
  let [sms] = await db.select().from(schema.smsMessages).where(eq(schema.smsMessages.notifyId, receipt.id)).limit(1);
  if (!sms && receipt.reference) {
    const match = /^([0-9a-f-]{36})(?:\.r(\d+))?$/i.exec(receipt.reference);
    if (match) {
      const [byRef] = await db.select().from(schema.smsMessages).where(eq(schema.smsMessages.id, match[1])).limit(1);
      if (byRef && byRef.series === Number(match[2] ?? 0) && byRef.status === 'queued') sms = byRef;
    }
  }
  if (!sms) return 'unknown';
  if (isFinal(sms.notifyStatus)) return 'ignored';

  const { status, failureReason } = ledgerStatusFor(receipt.status);
  const completedAt = status === 'sending' ? null : (receipt.completedAt ?? new Date());
  if (sms.status === 'queued') {
    const settled = await finish(sms, { status, failureReason, notifyId: receipt.id, notifyStatus: receipt.status, sentAt: new Date(), completedAt });
    return settled ? 'applied' : 'ignored';
  }
  if (sms.notifyStatus === receipt.status) return 'ignored';
  const updated = await db
    .update(schema.smsMessages)
    .set({ status, failureReason, notifyStatus: receipt.status, completedAt, updatedAt: new Date() })
    .where(
      and(
        eq(schema.smsMessages.id, sms.id),
        eq(schema.smsMessages.notifyId, receipt.id),
        sql`(${schema.smsMessages.notifyStatus} is null or ${schema.smsMessages.notifyStatus} not in ${FINAL_NOTIFY_STATUSES})`,
      ),
    )
    .returning({ id: schema.smsMessages.id });
  if (updated.length === 0) return 'ignored';
  emitRoomSmsChanged(sms.roomId);
  return 'applied';
}
