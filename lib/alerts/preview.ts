import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Forbidden } from '@/lib/errors';
import { getRoomForMember } from '@/lib/incidents/get-room';
import { mayOpenRoom, mayPublishBulletin } from '@/lib/policy';
import { parseInput } from '@/lib/validation';
import { alreadyTextedRecipients } from './outbox';
import { findRestrictedContent, restrictedStringsOf } from './restricted-guard';
import { composeSms, LINK_TOKEN_LENGTH, MAX_SMS_LENGTH, type SmsKind } from './templates';

/** Stands in for each person's own short-link token: same length, so the length shown is exact. */
export const PREVIEW_LINK_TOKEN = 'x'.repeat(LINK_TOKEN_LENGTH);

/**
 * What opening a room would text, without writing anything: the exact text of both messages and how many
 * people in how many organisations. Takes the same input as creating a room, but is lenient while the lead
 * is still typing (missing fields just give no text yet). Recipients are worked out exactly as
 * createRoom does: invited people and active members of invited organisations with a verified mobile,
 * not the lead, each number once.
 */
const previewInput = z.object({
  title: z.string().max(200).optional().default(''),
  summary: z.string().max(5000).optional().default(''),
  severity: z.string().optional().default(''),
  publicHeadline: z.string().max(200).optional().default(''),
  invite: z
    .object({
      organisations: z.array(z.string().trim().toUpperCase().max(10)).max(500).default([]),
      users: z.array(z.string().trim().toLowerCase().max(320)).max(2000).default([]),
    })
    .default({ organisations: [], users: [] }),
});

export type SmsPreview = {
  alerting: boolean;
  reference: string;
  messages: { kind: SmsKind; body: string; length: number; fragments: number }[];
  people: number;
  organisations: number;
  summary: string;
  problems: string[];
};

export async function previewRoomTexts(actor: Actor, raw: unknown): Promise<SmsPreview> {
  if (!mayOpenRoom(actor)) throw Forbidden('Only incident leads and admins can open incident rooms.');
  const input = parseInput(previewInput, raw ?? {});
  const alerting = input.severity === 'high' || input.severity === 'critical';
  const db = getDb();
  const year = new Date().getUTCFullYear();
  const [counter] = await db.select().from(schema.referenceCounters).where(eq(schema.referenceCounters.year, year));
  // The next reference, as it stands now (another room opened first would take it).
  const reference = `INC-${year}-${String((counter?.last ?? 0) + 1).padStart(4, '0')}`;

  const problems: string[] = [];
  const headline = input.publicHeadline.trim();
  const messages = alerting && headline
    ? (['alert', 'signpost'] as const).map((kind) => {
        const { body } = composeSms(kind, { reference, severity: input.severity, publicHeadline: headline }, { linkToken: kind === 'signpost' ? PREVIEW_LINK_TOKEN : undefined });
        return { kind, body, length: body.length, fragments: fragmentsOf(body) };
      })
    : [];
  if (alerting && !headline) problems.push('Enter a public headline to see the texts.');
  for (const m of messages) {
    if (m.length > MAX_SMS_LENGTH) problems.push(`The ${m.kind} would be ${m.length} characters; the limit is ${MAX_SMS_LENGTH}.`);
  }
  if (headline && findRestrictedContent(headline, restrictedStringsOf({ title: input.title, summary: input.summary }))) {
    problems.push('The public headline repeats restricted text from the title or summary: the room cannot be opened like this.');
  }

  const codes = [...new Set(input.invite.organisations.filter((c) => /^[A-Z0-9]{3,10}$/.test(c)))];
  const emails = [...new Set(input.invite.users.filter(Boolean))];
  const active = and(eq(schema.users.status, 'active'), eq(schema.users.mobileVerified, true), ne(schema.users.id, actor.id), sql`${schema.users.mobile} is not null`);
  const rows = [
    ...(emails.length
      ? await db
          .select({ phone: schema.users.mobile, organisationId: schema.users.organisationId })
          .from(schema.users)
          .where(and(inArray(schema.users.email, emails), active))
      : []),
    ...(codes.length
      ? await db
          .select({ phone: schema.users.mobile, organisationId: schema.users.organisationId })
          .from(schema.users)
          .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
          .where(and(inArray(schema.organisations.odsCode, codes), active))
      : []),
    // Primary and alert-only contacts of invited organisations, as smsRecipientsForRoom adds them.
    ...(codes.length
      ? await db
          .select({ phone: schema.organisationContacts.phone, organisationId: schema.organisationContacts.organisationId })
          .from(schema.organisationContacts)
          .innerJoin(schema.organisations, eq(schema.organisations.id, schema.organisationContacts.organisationId))
          .where(and(inArray(schema.organisations.odsCode, codes), inArray(schema.organisationContacts.role, ['primary', 'alert_only'])))
      : []),
  ];
  const byPhone = new Map<string, string>();
  for (const r of rows) if (r.phone && !byPhone.has(r.phone)) byPhone.set(r.phone, r.organisationId);
  const people = alerting ? byPhone.size : 0;
  const organisations = alerting ? new Set(byPhone.values()).size : 0;
  const summary = !alerting
    ? 'Low and moderate rooms send no texts.'
    : `This will text ${people} ${people === 1 ? 'person' : 'people'} in ${organisations} ${organisations === 1 ? 'organisation' : 'organisations'}.`;
  return { alerting, reference, messages, people, organisations, summary, problems };
}

function fragmentsOf(body: string) {
  return body.length <= 160 ? 1 : Math.ceil(body.length / 153);
}

const followUpPreviewInput = z.object({ headline: z.string().max(200).optional().default('') });

/**
 * What publishing a bulletin update with "Text everyone a link to this update" would send, without writing
 * anything: the exact follow-up text (with a link of the real length) and how many people in how many
 * organisations — everyone already texted for the room, each number once. For those who may publish.
 */
export async function previewFollowUpTexts(actor: Actor, roomId: string, raw: unknown): Promise<SmsPreview> {
  const { room, membership } = await getRoomForMember(actor, roomId);
  if (!mayPublishBulletin(actor, membership)) throw Forbidden('Only the room’s leads can publish its bulletin.');
  const headline = parseInput(followUpPreviewInput, raw ?? {}).headline.trim();
  const problems: string[] = [];
  const messages = headline
    ? [(() => {
        const { body } = composeSms('follow_up', { reference: room.reference, severity: room.severity, publicHeadline: headline }, { linkToken: PREVIEW_LINK_TOKEN });
        return { kind: 'follow_up' as const, body, length: body.length, fragments: fragmentsOf(body) };
      })()]
    : [];
  if (!headline) problems.push('Enter a headline to see the text.');
  for (const m of messages) {
    if (m.length > MAX_SMS_LENGTH) problems.push(`The text would be ${m.length} characters; the limit is ${MAX_SMS_LENGTH}.`);
  }
  if (headline && findRestrictedContent(headline, restrictedStringsOf(room))) {
    problems.push('The headline repeats restricted text from the title or summary: it cannot be published like this.');
  }
  const recipients = await alreadyTextedRecipients(getDb(), room.id);
  const people = recipients.length;
  const organisations = new Set(recipients.flatMap((r) => (r.organisationId ? [r.organisationId] : []))).size;
  const summary =
    people === 0
      ? 'Nobody has been texted for this room yet, so this update texts nobody.'
      : `This will text ${people} ${people === 1 ? 'person' : 'people'} in ${organisations} ${organisations === 1 ? 'organisation' : 'organisations'}.`;
  return { alerting: people > 0, reference: room.reference, messages, people, organisations, summary, problems };
}
