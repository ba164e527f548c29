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
  const organisations = await tx
    .select({ id: schema.roomOrganisations.organisationId })
    .from(schema.roomOrganisations)
    .where(eq(schema.roomOrganisations.roomId, roomId));
  const contacts = await keyContactsOf(tx, organisations.map((o) => o.id));
  return distinctNumbers([...members, ...contacts].filter((r) => r.userId !== exceptUserId));
}

/** The primary and alert-only contacts of these organisations: texted when an organisation is brought in. */
export async function keyContactsOf(tx: Tx, organisationIds: string[]): Promise<Recipient[]> {
  if (organisationIds.length === 0) return [];
  return tx
    .select({ userId: schema.organisationContacts.userId, organisationId: schema.organisationContacts.organisationId, phone: schema.organisationContacts.phone })
    .from(schema.organisationContacts)
    .where(and(inArray(schema.organisationContacts.organisationId, organisationIds), inArray(schema.organisationContacts.role, ['primary', 'alert_only'])));
}

/** These people's verified mobiles, if their accounts are active. */
export async function verifiedMobilesOf(tx: Tx, userIds: string[]): Promise<Recipient[]> {
  if (userIds.length === 0) return [];
  const rows = await tx
    .select({ userId: schema.users.id, organisationId: schema.users.organisationId, phone: schema.users.mobile })
    .from(schema.users)
    .where(and(inArray(schema.users.id, userIds), eq(schema.users.status, 'active'), eq(schema.users.mobileVerified, true)));
  return distinctNumbers(rows);
}

/** Each number once; the first row for a number wins (list people before contacts so the ledger names them). */
export function distinctNumbers(rows: { userId: string | null; organisationId: string | null; phone: string | null }[]): Recipient[] {
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (!r.phone || seen.has(r.phone)) return [];
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
