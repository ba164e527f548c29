import { and, eq, isNull } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { emitRoomSmsChanged } from '@/lib/realtime/emit';

/**
 * `/a/<token>` from a signpost: records the first open and answers where the public bulletin is. An unknown
 * token learns nothing (the caller sends it to the bulletin list). Only public fields are read.
 */
export async function openShortLink(token: string): Promise<{ reference: string } | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const db = getDb();
  const [row] = await db
    .select({ id: schema.smsMessages.id, roomId: schema.smsMessages.roomId, reference: schema.incidentRooms.reference })
    .from(schema.smsMessages)
    .innerJoin(schema.incidentRooms, eq(schema.incidentRooms.id, schema.smsMessages.roomId))
    .where(eq(schema.smsMessages.linkToken, token))
    .limit(1);
  if (!row) return null;
  const opened = await db
    .update(schema.smsMessages)
    .set({ openedAt: new Date() })
    .where(and(eq(schema.smsMessages.id, row.id), isNull(schema.smsMessages.openedAt)))
    .returning({ id: schema.smsMessages.id });
  if (opened.length) emitRoomSmsChanged(row.roomId);
  return { reference: row.reference };
}
