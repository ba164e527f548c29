import { and, eq, isNull, ne } from 'drizzle-orm';
import { schema, type Tx } from '@/db/client';
import type { Recipient } from './outbox';

/**
 * Who a room's alert goes to: its current members with a verified mobile, except the person who
 * opened it. Each number once.
 */
export async function smsRecipientsForRoom(tx: Tx, roomId: string, exceptUserId: string): Promise<Recipient[]> {
  const rows = await tx
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
  const seen = new Set<string>();
  return rows.flatMap((r) => {
    if (!r.phone || seen.has(r.phone)) return [];
    seen.add(r.phone);
    return [{ userId: r.userId, organisationId: r.organisationId, phone: r.phone }];
  });
}
