import { desc } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { roomVisibleTo } from '@/lib/policy';

/** The rooms the actor is a current member of; nobody sees a list of rooms they are not in. */
export async function listRooms(actor: Actor) {
  return getDb()
    .select({
      id: schema.incidentRooms.id,
      reference: schema.incidentRooms.reference,
      title: schema.incidentRooms.title,
      severity: schema.incidentRooms.severity,
      tlp: schema.incidentRooms.tlp,
      status: schema.incidentRooms.status,
      createdAt: schema.incidentRooms.createdAt,
    })
    .from(schema.incidentRooms)
    .where(roomVisibleTo(actor))
    .orderBy(desc(schema.incidentRooms.createdAt));
}
