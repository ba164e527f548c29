import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { schema, type Tx } from '@/db/client';
import type { Recipient } from './outbox';

/**
 * Who a room's alert goes to: its current members with a verified mobile, except the person who opened
 * it, then the primary and alert-only contacts of its invited organisations. Each number once (a member's
 * row wins, so the ledger shows the person).
 */
export async function smsRecipientsForRoom(tx: Tx, roomId: string, exceptUserId: string): Promise<Recipient[]> {
  const members = await tx
    .select({ userId: schema.users.id, organisationId: schema.users.organisationId, phone: schema.users.mobile })
    .from(schema.roomMembers)
    .innerJoin(schema.users, eq(schema.users.id, schema.roomMembers.userId))
    .where(
      and(
        eq(schema.roomMembers.roomId, roomId),
        isNull(schema.roomMembers.removedAt),
        ne(schema.users.id, exceptUserId),
        eq(schema.users.status, 'active'),
        eq(schema.users.mobileVerified, true),
      ),
    );
  const contacts = await tx
    .select({ userId: schema.organisationContacts.userId, organisationId: schema.organisationContacts.organisationId, phone: schema.organisationContacts.phone })
    .from(schema.organisationContacts)
    .innerJoin(
      schema.roomOrganisations,
      and(eq(schema.roomOrganisations.organisationId, schema.organisationContacts.organisationId), eq(schema.roomOrganisations.roomId, roomId)),
    )
    .where(inArray(schema.organisationContacts.role, ['primary', 'alert_only']));
  const seen = new Set<string>();
  return [...members, ...contacts].flatMap((r) => {
    if (!r.phone || seen.has(r.phone) || r.userId === exceptUserId) return [];
    seen.add(r.phone);
    return [{ userId: r.userId, organisationId: r.organisationId, phone: r.phone }];
  });
}

/** An organisation's deputy contacts, for escalation. */
export async function deputyContactsOf(tx: Tx, organisationId: string): Promise<Recipient[]> {
  const rows = await tx
    .select({ userId: schema.organisationContacts.userId, organisationId: schema.organisationContacts.organisationId, phone: schema.organisationContacts.phone })
    .from(schema.organisationContacts)
    .where(and(eq(schema.organisationContacts.organisationId, organisationId), eq(schema.organisationContacts.role, 'deputy')));
  return rows;
}
