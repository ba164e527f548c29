import { asc, eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { maskPhone } from '@/lib/alerts/phone';
import type { Actor } from '@/lib/auth/actor';
import { Forbidden } from '@/lib/errors';
import { mayViewRoomSms } from '@/lib/policy';
import { getRoomForMember } from './get-room';

/** The room's SMS ledger for its leads (and staff in the room): masked numbers, kinds and statuses. */
export async function listRoomSms(actor: Actor, roomId: string) {
  const { room, membership } = await getRoomForMember(actor, roomId);
  if (!mayViewRoomSms(actor, membership)) throw Forbidden('Only the room’s leads can see its texts.');
  const rows = await getDb()
    .select({
      id: schema.smsMessages.id,
      kind: schema.smsMessages.kind,
      bulletinVersion: schema.smsMessages.bulletinVersion,
      phone: schema.smsMessages.phone,
      status: schema.smsMessages.status,
      notifyStatus: schema.smsMessages.notifyStatus,
      failureReason: schema.smsMessages.failureReason,
      attempts: schema.smsMessages.attempts,
      createdAt: schema.smsMessages.createdAt,
      sentAt: schema.smsMessages.sentAt,
      recipientName: schema.users.name,
      organisationName: schema.organisations.name,
    })
    .from(schema.smsMessages)
    .leftJoin(schema.users, eq(schema.users.id, schema.smsMessages.userId))
    .leftJoin(schema.organisations, eq(schema.organisations.id, schema.smsMessages.organisationId))
    .where(eq(schema.smsMessages.roomId, room.id))
    .orderBy(asc(schema.organisations.name), asc(schema.users.name), asc(schema.smsMessages.bulletinVersion), asc(schema.smsMessages.kind));
  return rows.map(({ phone, ...r }) => ({ ...r, recipient: maskPhone(phone) }));
}
