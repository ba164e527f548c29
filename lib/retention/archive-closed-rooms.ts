import { and, isNull, lt, eq, inArray } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { recordRoomEvents } from '@/lib/incidents/room-events';
import { emitRoomChanged } from '@/lib/realtime/emit';

/**
 * Retention: rooms closed more than RETENTION_ARCHIVE_CLOSED_DAYS ago are archived (they leave the active list
 * and stay readable to their members). Nothing is deleted: the room's posts, timeline and audit trail are kept,
 * and each archiving is itself on the timeline ('archived', no actor) and in the audit trail. Idempotent.
 */
export async function archiveLongClosedRooms(now = new Date()): Promise<{ archived: string[]; cutoff: Date }> {
  const days = config().RETENTION_ARCHIVE_CLOSED_DAYS;
  const cutoff = new Date(now.getTime() - days * 86_400_000);
  const archived = await getDb().transaction(async (tx) => {
    const due = await tx
      .select({ id: schema.incidentRooms.id })
      .from(schema.incidentRooms)
      .where(and(eq(schema.incidentRooms.status, 'closed'), isNull(schema.incidentRooms.archivedAt), lt(schema.incidentRooms.closedAt, cutoff)))
      .for('update', { skipLocked: true });
    const ids = due.map((r) => r.id);
    if (ids.length === 0) return [];
    await tx.update(schema.incidentRooms).set({ archivedAt: now }).where(inArray(schema.incidentRooms.id, ids));
    await recordRoomEvents(
      tx,
      ids.map((roomId) => ({ roomId, kind: 'archived' as const, actorId: null, detail: { reason: 'retention', days } })),
    );
    for (const roomId of ids) {
      await recordAudit(tx, { actorId: null, action: 'room.archive', subjectType: 'incident_room', subjectId: roomId, detail: { reason: 'retention', days } });
    }
    return ids;
  });
  for (const id of archived) emitRoomChanged(id);
  return { archived, cutoff };
}
