import { randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
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
  const inserted = await insertSmsRows(tx, rows);
  // Signposts are chained: their job is queued once the alert to the same number has been handed over.
  const alerts = inserted.filter((r) => r.kind === 'alert');
  await insertJobsInTx(tx, alerts.map((r) => ({ name: QUEUES.smsSend, data: { smsId: r.id } })));
  return { queued: inserted.length };
}

/**
 * Each invited organisation gets an escalation check at alert time + the room's escalation time (its own
 * setting, else SMS_ESCALATION_MINUTES): if nobody there has acknowledged by then, its deputy contacts are
 * texted. Once per room and organisation; a check already scheduled keeps its time.
 */
async function scheduleEscalations(tx: Tx, roomId: string) {
  const [room] = await tx
    .select({ minutes: schema.incidentRooms.escalationMinutes })
    .from(schema.incidentRooms)
    .where(eq(schema.incidentRooms.id, roomId));
  const minutes = room?.minutes ?? config().SMS_ESCALATION_MINUTES;
  const dueAt = new Date(Date.now() + minutes * 60_000);
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

export type FollowUpRoom = { id: string; reference: string; title: string; summary: string };

/**
 * The follow-up signpost for a bulletin update, checked like the room's first texts: only public fields (the
 * reference and the update's public headline), none of the room's restricted strings, and within Notify's
 * length with a personal link of the real length. Refused with a field error on the headline.
 */
export function composeFollowUp(room: FollowUpRoom, headline: string, linkToken = 'x'.repeat(LINK_TOKEN_LENGTH)) {
  const text = composeSms('follow_up', { reference: room.reference, severity: '', publicHeadline: headline }, { linkToken });
  if (findRestrictedContent(text.body, restrictedStringsOf(room))) {
    throw Invalid('The update’s headline repeats restricted text from the title or summary', {
      headline: ['The headline must not repeat the restricted title or summary'],
    });
  }
  if (text.body.length > MAX_SMS_LENGTH) {
    throw Invalid(`The text would be ${text.body.length} characters; the limit is ${MAX_SMS_LENGTH}`, { headline: ['Shorten the headline'] });
  }
  return text;
}

/**
 * Everyone already texted for the room, each number once (the first alert's row names the person and
 * organisation): who a follow-up goes to. Left out: numbers cut short by retention, people removed from the
 * room since (removal takes effect at once), and accounts no longer active.
 */
export async function alreadyTextedRecipients(tx: Tx, roomId: string): Promise<Recipient[]> {
  const rows = await tx.execute<{ user_id: string | null; organisation_id: string | null; phone: string }>(sql`
    select distinct on (s.phone) s.user_id, s.organisation_id, s.phone from sms_messages s
    where s.room_id = ${roomId} and s.kind = 'alert' and s.phone_redacted_at is null
      and not exists (select 1 from room_members m where m.room_id = s.room_id and m.user_id = s.user_id and m.removed_at is not null)
      and not exists (select 1 from users u where u.id = s.user_id and u.status <> 'active')
    order by s.phone, s.created_at`);
  return rows.map((r) => ({ userId: r.user_id, organisationId: r.organisation_id, phone: r.phone }));
}

/**
 * Writes one follow-up per number already texted for the room, for bulletin `version`, each with its own
 * `/a/<token>` link, and their jobs, in the caller's transaction (the one that publishes the version). The
 * unique (room, number, kind, version) index keeps it to once per number per version.
 */
export async function queueFollowUps(tx: Tx, room: FollowUpRoom, version: number, headline: string) {
  composeFollowUp(room, headline);
  const recipients = await alreadyTextedRecipients(tx, room.id);
  if (recipients.length === 0) return { queued: 0 };
  const rows = recipients.map((r) => {
    const linkToken = newLinkToken();
    const text = composeFollowUp(room, headline, linkToken);
    return {
      roomId: room.id,
      userId: r.userId,
      organisationId: r.organisationId,
      phone: r.phone,
      kind: 'follow_up' as const,
      bulletinVersion: version,
      templateId: text.templateId,
      personalisation: text.personalisation,
      body: text.body,
      linkToken,
    };
  });
  const inserted = await insertSmsRows(tx, rows);
  await insertJobsInTx(tx, inserted.map((r) => ({ name: QUEUES.smsSend, data: { smsId: r.id } })));
  return { queued: inserted.length };
}

/** A PostgreSQL statement takes at most 65,535 parameters (about 3,800 recipients' two texts): insert in chunks. */
const SMS_ROWS_PER_INSERT = 2000;

/** Inserts outbox rows in the caller's transaction, skipping numbers already texted for the same purpose. */
async function insertSmsRows(tx: Tx, rows: (typeof schema.smsMessages.$inferInsert)[]) {
  const inserted: { id: string; kind: (typeof schema.smsKind.enumValues)[number] }[] = [];
  for (let i = 0; i < rows.length; i += SMS_ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + SMS_ROWS_PER_INSERT);
    inserted.push(
      ...(await tx.insert(schema.smsMessages).values(chunk).onConflictDoNothing().returning({ id: schema.smsMessages.id, kind: schema.smsMessages.kind })),
    );
  }
  return inserted;
}
