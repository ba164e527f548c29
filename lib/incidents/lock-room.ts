import { and, eq } from 'drizzle-orm';
import { schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Forbidden, NotFound } from '@/lib/errors';
import { activeMembershipOf, mayManageRoom } from '@/lib/policy';
import { uuidParam } from '@/lib/validation';

/**
 * The room, locked for this transaction, if the actor is a current member — NotFound otherwise, as
 * for a missing room — and Forbidden for members who are not its leads (or staff in the room).
 */
export async function lockRoomForManager(tx: Tx, actor: Actor, roomId: string) {
  if (!uuidParam.safeParse(roomId).success) throw NotFound();
  const [row] = await tx
    .select({ room: schema.incidentRooms, membership: { role: schema.roomMembers.role } })
    .from(schema.incidentRooms)
    .innerJoin(schema.roomMembers, and(eq(schema.roomMembers.roomId, schema.incidentRooms.id), activeMembershipOf(actor)))
    .where(eq(schema.incidentRooms.id, roomId))
    .for('update', { of: schema.incidentRooms })
    .limit(1);
  if (!row) throw NotFound();
  if (!mayManageRoom(actor, row.membership)) throw Forbidden('Only the room’s leads can do that.');
  return row;
}
