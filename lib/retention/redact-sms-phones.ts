import { sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';

/**
 * Retention (UK GDPR): phone numbers in the SMS ledger older than RETENTION_SMS_PHONE_DAYS are cut to their
 * last three digits, enough to tell texts apart in the ledger and no more. The stored value is
 * `redacted:<row id>:•••••••••103`: (room, phone, kind, bulletin version) is unique and two people's numbers may
 * end alike, so the row id keeps the values distinct; it still ends in the three digits, so the ledger's masking
 * (lib/alerts/phone maskPhone, the last three characters) shows it as before.
 * Idempotent (only rows not yet redacted), batched, and each batch audited with its count in its transaction.
 */
export const REDACTED_MASK = '•••••••••';
const BATCH = 5_000;

/** The part of a redacted value a person may see: `•••••••••103`. */
export function redactedPhoneLabel(stored: string): string {
  return stored.slice(stored.lastIndexOf(':') + 1);
}

export async function redactOldSmsPhones(now = new Date()): Promise<{ redacted: number; cutoff: Date }> {
  const cutoff = new Date(now.getTime() - config().RETENTION_SMS_PHONE_DAYS * 86_400_000);
  let redacted = 0;
  for (;;) {
    const count = await getDb().transaction(async (tx) => {
      const rows = await tx.execute<{ id: string }>(sql`
        update sms_messages set
          phone = 'redacted:' || id::text || ':' || ${REDACTED_MASK} || right(phone, 3),
          phone_redacted_at = ${now.toISOString()}::timestamptz,
          updated_at = ${now.toISOString()}::timestamptz
        where id in (
          select id from sms_messages
          where phone_redacted_at is null and created_at < ${cutoff.toISOString()}::timestamptz
          order by created_at
          limit ${BATCH}
          for update skip locked
        )
        returning id`);
      if (rows.length > 0) {
        await recordAudit(tx, {
          actorId: null,
          action: 'retention.sms_phones_redacted',
          subjectType: 'sms_messages',
          detail: { count: rows.length, cutoff: cutoff.toISOString(), days: config().RETENTION_SMS_PHONE_DAYS },
        });
      }
      return rows.length;
    });
    redacted += count;
    if (count < BATCH) return { redacted, cutoff };
  }
}
