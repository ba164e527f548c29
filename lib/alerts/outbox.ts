import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';
import { config } from '@/lib/config';
import { schema } from '@/db/client';
import { Invalid } from '@/lib/errors';
import { insertJobsInTx, QUEUES } from '@/lib/jobs';
import { findRestrictedContent, restrictedStringsOf } from './restricted-guard';
import { composeSms, LINK_TOKEN_LENGTH, MAX_SMS_LENGTH, type SmsKind } from './templates';

export const newLinkToken = () => randomBytes(16).toString('base64url');

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
  // Checked with a personal link of the real length, so the limit holds for every recipient's text.
  const sampleToken = 'x'.repeat(LINK_TOKEN_LENGTH);
  return (['alert', 'signpost'] as SmsKind[]).map((kind) => {
    const text = composeSms(kind, room, { linkToken: kind === 'signpost' ? sampleToken : undefined });
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
  await scheduleEscalations(tx, room.id);
  const unique = new Map<string, Recipient>();
  for (const r of recipients) if (!unique.has(r.phone)) unique.set(r.phone, r);
  if (unique.size === 0) return { queued: 0 };
  const rows = [...unique.values()].flatMap((r) =>
    texts.map((t) => {
      const base = { roomId: room.id, userId: r.userId, organisationId: r.organisationId, phone: r.phone, kind: t.kind };
      if (t.kind === 'alert') return { ...base, templateId: t.templateId, personalisation: t.personalisation, body: t.body };
      // Each signpost carries its own short link (/a/<token>) to the bulletin.
      const linkToken = newLinkToken();
      const personal = composeSms('signpost', room, { linkToken });
      return { ...base, templateId: personal.templateId, personalisation: personal.personalisation, body: personal.body, linkToken };
    }),
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

/**
 * Each invited organisation gets an escalation check at alert time + SMS_ESCALATION_MINUTES: if nobody there
 * has acknowledged by then, its deputy contacts are texted. Once per room and organisation.
 */
async function scheduleEscalations(tx: Tx, roomId: string) {
  const dueAt = new Date(Date.now() + config().SMS_ESCALATION_MINUTES * 60_000);
  const rows = await tx.execute<{ organisation_id: string }>(sql`
    insert into room_escalations (room_id, organisation_id, due_at)
    select room_id, organisation_id, ${dueAt.toISOString()}::timestamptz from room_organisations where room_id = ${roomId}
    on conflict do nothing
    returning organisation_id`);
  await insertJobsInTx(
    tx,
    rows.map((r) => ({ name: QUEUES.smsEscalate, data: { roomId, organisationId: r.organisation_id }, startAfter: dueAt })),
  );
}
