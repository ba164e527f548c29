import { and, desc, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { roomVisibleTo } from '@/lib/policy';
import { parseInput } from '@/lib/validation';

export const listRoomsInput = z.object({
  view: z.enum(['active', 'archived'], { message: 'View must be active or archived' }).default('active'),
});

/**
 * The rooms the actor is a current member of; nobody sees a list of rooms they are not in. The active list
 * leaves archived rooms out; the archived view lists only those (still only the actor's own rooms).
 */
export async function listRooms(actor: Actor, raw: unknown = {}) {
  const { view } = parseInput(listRoomsInput, raw);
  return getDb()
    .select({
      id: schema.incidentRooms.id,
      reference: schema.incidentRooms.reference,
      title: schema.incidentRooms.title,
      severity: schema.incidentRooms.severity,
      tlp: schema.incidentRooms.tlp,
      status: schema.incidentRooms.status,
      createdAt: schema.incidentRooms.createdAt,
      archivedAt: schema.incidentRooms.archivedAt,
    })
    .from(schema.incidentRooms)
    .where(and(roomVisibleTo(actor), view === 'archived' ? isNotNull(schema.incidentRooms.archivedAt) : isNull(schema.incidentRooms.archivedAt)))
    .orderBy(desc(schema.incidentRooms.createdAt));
}
