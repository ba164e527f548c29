import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { getRoomForMember } from '@/lib/incidents/get-room';
import { emitRoomSmsChanged } from '@/lib/realtime/emit';

/** A member says "seen, we are on it": once per person (again is a no-op); counts for their organisation. */
export async function acknowledgeRoom(actor: Actor, roomId: string) {
  const { room } = await getRoomForMember(actor, roomId);
  const created = await getDb().transaction(async (tx) => {
    const rows = await tx
      .insert(schema.roomAcknowledgements)
      .values({ roomId: room.id, userId: actor.id, organisationId: actor.organisationId, via: 'room' })
      .onConflictDoNothing()
      .returning({ id: schema.roomAcknowledgements.id });
    if (rows.length) {
      await recordAudit(tx, { actorId: actor.id, action: 'room.acknowledge', subjectType: 'incident_room', subjectId: room.id, ip: actor.ip });
    }
    return rows.length > 0;
  });
  if (created) emitRoomSmsChanged(room.id);
  return { acknowledged: true, new: created };
}
