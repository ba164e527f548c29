import type { Tx } from '@/db/client';
import { schema } from '@/db/client';
import { Invalid } from '@/lib/errors';
import { insertJobsInTx, QUEUES } from '@/lib/jobs';
import { findRestrictedContent, restrictedStringsOf } from './restricted-guard';
import { composeSms, MAX_SMS_LENGTH, type SmsKind } from './templates';

export type Recipient = { userId: string | null; organisationId: string | null; phone: string };
export type AlertingRoom = {
  id: string;
  reference: string;
  severity: string;
  publicHeadline: string;
  title: string;
  summary: string;
};

/**
 * Checks both texts before anything is written: only public fields, nothing restricted, within Notify's
 * length. A room whose public headline repeats restricted text is refused with a field error.
 */
export function composeRoomTexts(room: AlertingRoom) {
  const restricted = restrictedStringsOf(room);
  return (['alert', 'signpost'] as SmsKind[]).map((kind) => {
    const text = composeSms(kind, room);
    if (findRestrictedContent(text.body, restricted)) {
      throw Invalid('The public headline repeats restricted text from the title or summary', {
        publicHeadline: ['The public headline must not repeat the restricted title or summary'],
      });
    }
    if (text.body.length > MAX_SMS_LENGTH) {
      throw Invalid(`The text would be ${text.body.length} characters; the limit is ${MAX_SMS_LENGTH}`, {
        publicHeadline: ['Shorten the public headline'],
      });
    }
    return { kind, ...text };
  });
}

/**
 * Writes one alert and one signpost per distinct number, and the alert jobs, in the caller's
 * transaction. Numbers already texted for this room are skipped, so a retry never texts twice.
 */
export async function queueRoomTexts(tx: Tx, room: AlertingRoom, recipients: Recipient[]) {
  const texts = composeRoomTexts(room);
  const unique = new Map<string, Recipient>();
  for (const r of recipients) if (!unique.has(r.phone)) unique.set(r.phone, r);
  if (unique.size === 0) return { queued: 0 };
  const rows = [...unique.values()].flatMap((r) =>
    texts.map((t) => ({
      roomId: room.id,
      userId: r.userId,
      organisationId: r.organisationId,
      phone: r.phone,
      kind: t.kind,
      templateId: t.templateId,
      personalisation: t.personalisation,
      body: t.body,
    })),
  );
  const inserted = await tx
    .insert(schema.smsMessages)
    .values(rows)
    .onConflictDoNothing()
    .returning({ id: schema.smsMessages.id, kind: schema.smsMessages.kind });
  // Signposts are chained: their job is queued once the alert to the same number has been handed over.
  const alerts = inserted.filter((r) => r.kind === 'alert');
  await insertJobsInTx(tx, alerts.map((r) => ({ name: QUEUES.smsSend, data: { smsId: r.id } })));
  return { queued: inserted.length };
}
