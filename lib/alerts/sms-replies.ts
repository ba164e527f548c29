import { and, desc, eq, gte, lte } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { emitRoomSmsChanged } from '@/lib/realtime/emit';
import type { SmsGateway } from './notify-client';
import { acquireNotifyToken } from './notify-rate';
import { normaliseUkMobile } from './phone';

const ACK = /\bACK\b/i;
const WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Reads replies to the service's inbound number (Notify's received texts, newest page) and turns each
 * reply containing ACK into an acknowledgement of the latest room that texted that number before the
 * reply. Idempotent (one acknowledgement per room and number), so re-reading the same page is harmless.
 */
export async function processSmsReplies(gateway: SmsGateway): Promise<{ read: number; acknowledged: number }> {
  if (gateway.simulated) return { read: 0, acknowledged: 0 };
  await acquireNotifyToken();
  const texts = await gateway.getReceivedTexts();
  const db = getDb();
  let acknowledged = 0;
  const touched = new Set<string>();
  for (const text of texts) {
    const at = new Date(text.createdAt.endsWith('Z') ? text.createdAt : `${text.createdAt}Z`);
    if (Number.isNaN(at.getTime()) || Date.now() - at.getTime() > WINDOW_MS || !ACK.test(text.content)) continue;
    const phone = normaliseUkMobile(text.userNumber.startsWith('+') ? text.userNumber : `+${text.userNumber}`);
    if (!phone.ok) continue;
    const [latest] = await db
      .select({ roomId: schema.smsMessages.roomId, userId: schema.smsMessages.userId, organisationId: schema.smsMessages.organisationId })
      .from(schema.smsMessages)
      .where(
        and(
          eq(schema.smsMessages.phone, phone.e164),
          eq(schema.smsMessages.kind, 'alert'),
          lte(schema.smsMessages.sentAt, at),
          gte(schema.smsMessages.sentAt, new Date(at.getTime() - 7 * WINDOW_MS)),
        ),
      )
      .orderBy(desc(schema.smsMessages.sentAt))
      .limit(1);
    if (!latest) continue;
    const inserted = await db
      .insert(schema.roomAcknowledgements)
      .values({ roomId: latest.roomId, userId: latest.userId, organisationId: latest.organisationId, phone: phone.e164, via: 'sms' })
      .onConflictDoNothing()
      .returning({ id: schema.roomAcknowledgements.id });
    if (inserted.length) {
      acknowledged++;
      touched.add(latest.roomId);
    }
  }
  for (const roomId of touched) emitRoomSmsChanged(roomId);
  return { read: texts.length, acknowledged };
}
