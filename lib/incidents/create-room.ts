import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema, type Tx } from '@/db/client';
import { queueRoomTexts, composeRoomTexts } from '@/lib/alerts/outbox';
import { smsRecipientsForRoom } from '@/lib/alerts/recipients';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Forbidden, Invalid } from '@/lib/errors';
import { mayOpenRoom, ROOM_CEILINGS } from '@/lib/policy';
import { parseInput } from '@/lib/validation';
import { publishBulletinInTx } from './bulletins';
import { nextRoomReference } from './reference';
import { recordRoomEvent, recordRoomEvents } from './room-events';

const text = (label: string, max: number) =>
  z
    .string({ message: `Enter ${label}` })
    .trim()
    .min(1, { message: `Enter ${label}` })
    .max(max, { message: `${label[0].toUpperCase()}${label.slice(1)} must be ${max} characters or fewer` });

export const createRoomInput = z
  .object({
    title: text('a title', 200),
    severity: z.enum(['low', 'moderate', 'high', 'critical'], { message: 'Choose a severity' }),
    tlp: z.enum(ROOM_CEILINGS, { message: 'Choose a TLP label: AMBER, AMBER+STRICT or RED' }),
    summary: text('a restricted summary', 5000),
    publicHeadline: text('a public headline', 200),
    invite: z
      .object({
        organisations: z
          .array(z.string().trim().toUpperCase().regex(/^[A-Z0-9]{3,10}$/, { message: 'Not a valid ODS code' }))
          .max(500)
          .default([]),
        users: z
          .array(z.string().trim().toLowerCase().email({ message: 'Not a valid email address' }))
          .max(2000)
          .default([]),
      })
      .default({ organisations: [], users: [] }),
  })
  .refine((v) => !(v.tlp === 'RED' && v.invite.organisations.length > 0), {
    message: 'TLP:RED rooms admit named people only, not organisations',
    path: ['invite', 'organisations'],
  });

export type CreateRoomInput = z.infer<typeof createRoomInput>;
export const ALERTING_SEVERITIES = ['high', 'critical'] as const;

/**
 * Opens an incident room: the room, its members, the audit record, and — for high or critical rooms —
 * the first public bulletin and every text, all in one transaction.
 */
export async function createRoom(actor: Actor, raw: unknown) {
  if (!mayOpenRoom(actor)) throw Forbidden('Only incident leads and admins can open incident rooms.');
  const input = parseInput(createRoomInput, raw);
  const alerting = (ALERTING_SEVERITIES as readonly string[]).includes(input.severity);
  if (alerting) composeRoomTexts({ ...input, reference: 'INC-0000-0000', id: '' });

  return getDb().transaction(async (tx) => {
    const invited = await resolveInvitees(tx, input);
    const reference = await nextRoomReference(tx);
    const [room] = await tx
      .insert(schema.incidentRooms)
      .values({
        reference,
        title: input.title,
        severity: input.severity,
        tlp: input.tlp,
        summary: input.summary,
        publicHeadline: input.publicHeadline,
        createdById: actor.id,
      })
      .returning();
    await addInitialMembers(tx, room.id, actor, invited);
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'room.create',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { severity: room.severity, tlp: room.tlp, organisations: invited.organisations.length, people: invited.users.length },
    });
    await recordRoomEvents(tx, [
      { roomId: room.id, kind: 'created', actorId: actor.id, detail: { severity: room.severity, tlp: room.tlp } },
      ...invited.organisations.map((o) => ({ roomId: room.id, kind: 'invited' as const, actorId: actor.id, subjectOrganisationId: o.id })),
      ...invited.users
        .filter((u) => u.id !== actor.id)
        .map((u) => ({ roomId: room.id, kind: 'invited' as const, actorId: actor.id, subjectUserId: u.id })),
    ]);
    let texts = 0;
    if (alerting) {
      await publishBulletinInTx(tx, actor, room, { headline: input.publicHeadline, body: '' });
      const recipients = await smsRecipientsForRoom(tx, room.id, actor.id);
      texts = (await queueRoomTexts(tx, room, recipients)).queued;
      if (texts > 0) await recordRoomEvent(tx, { roomId: room.id, kind: 'texts_sent', actorId: actor.id, detail: { count: texts } });
    }
    return { id: room.id, reference: room.reference, texts };
  });
}

async function resolveInvitees(tx: Tx, input: CreateRoomInput) {
  const codes = [...new Set(input.invite.organisations)];
  const emails = [...new Set(input.invite.users)];
  const organisations = codes.length
    ? await tx.select().from(schema.organisations).where(inArray(schema.organisations.odsCode, codes))
    : [];
  const missingCodes = codes.filter((c) => !organisations.some((o) => o.odsCode === c));
  if (missingCodes.length) {
    throw Invalid(`Unknown ODS code: ${missingCodes.join(', ')}`, {
      'invite.organisations': missingCodes.map((c) => `No organisation has the ODS code ${c}`),
    });
  }
  const users = emails.length
    ? await tx
        .select({ id: schema.users.id, email: schema.users.email })
        .from(schema.users)
        .where(and(inArray(schema.users.email, emails), eq(schema.users.status, 'active')))
    : [];
  const missingEmails = emails.filter((e) => !users.some((u) => u.email === e));
  if (missingEmails.length) {
    throw Invalid(`No active member has the email ${missingEmails.join(', ')}`, {
      'invite.users': missingEmails.map((e) => `No active member has the email ${e}`),
    });
  }
  return { organisations, users };
}

async function addInitialMembers(
  tx: Tx,
  roomId: string,
  actor: Actor,
  invited: Awaited<ReturnType<typeof resolveInvitees>>,
) {
  const rows = new Map<string, typeof schema.roomMembers.$inferInsert>();
  rows.set(actor.id, { roomId, userId: actor.id, role: 'lead', source: 'creator', grantedById: actor.id });
  for (const u of invited.users) {
    if (!rows.has(u.id)) rows.set(u.id, { roomId, userId: u.id, role: 'member', source: 'person', grantedById: actor.id });
  }
  if (invited.organisations.length) {
    await tx
      .insert(schema.roomOrganisations)
      .values(invited.organisations.map((o) => ({ roomId, organisationId: o.id, invitedById: actor.id })));
    const orgMembers = await tx
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(
        and(
          inArray(
            schema.users.organisationId,
            invited.organisations.map((o) => o.id),
          ),
          eq(schema.users.status, 'active'),
        ),
      );
    for (const u of orgMembers) {
      if (!rows.has(u.id))
        rows.set(u.id, { roomId, userId: u.id, role: 'member', source: 'organisation', grantedById: actor.id });
    }
  }
  await tx.insert(schema.roomMembers).values([...rows.values()]);
}
