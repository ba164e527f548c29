import { desc, eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { config } from '@/lib/config';
import { Forbidden } from '@/lib/errors';
import { mayViewSimulatedSms } from '@/lib/policy';
import { maskPhone } from './phone';

/** What simulated mode "sent": the exact public text of each message, for admins checking the flow. */
export async function listRecentTexts(actor: Actor, limit = 200) {
  if (!mayViewSimulatedSms(actor)) throw Forbidden('Only admins can see the outbox.');
  const rows = await getDb()
    .select({
      id: schema.smsMessages.id,
      kind: schema.smsMessages.kind,
      phone: schema.smsMessages.phone,
      body: schema.smsMessages.body,
      status: schema.smsMessages.status,
      simulated: schema.smsMessages.simulated,
      failureReason: schema.smsMessages.failureReason,
      createdAt: schema.smsMessages.createdAt,
      reference: schema.incidentRooms.reference,
    })
    .from(schema.smsMessages)
    .innerJoin(schema.incidentRooms, eq(schema.incidentRooms.id, schema.smsMessages.roomId))
    .orderBy(desc(schema.smsMessages.createdAt), desc(schema.smsMessages.kind))
    .limit(limit);
  return { simulatedMode: config().simulatedSms, texts: rows.map(({ phone, ...r }) => ({ ...r, recipient: maskPhone(phone) })) };
}
