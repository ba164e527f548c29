import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { emitRoomSmsChanged } from '@/lib/realtime/emit';
import { queueRoomTexts } from './outbox';
import { deputyContactsOf } from './recipients';

export type EscalationOutcome = 'escalated' | 'acknowledged' | 'no_deputies' | 'already-checked' | 'room-closed';

/**
 * Runs when an invited organisation's escalation time is up: if nobody there has acknowledged (in the room
 * or by replying ACK), its deputy contacts get the alert and the signpost. Checked once, in one transaction
 * (the row is locked), so a repeated job does nothing.
 */
export async function escalateIfUnacknowledged(roomId: string, organisationId: string): Promise<EscalationOutcome> {
  const result = await getDb().transaction(async (tx) => {
    const [due] = await tx
      .select()
      .from(schema.roomEscalations)
      .where(and(eq(schema.roomEscalations.roomId, roomId), eq(schema.roomEscalations.organisationId, organisationId), isNull(schema.roomEscalations.outcome)))
      .for('update');
    if (!due) return 'already-checked' as const;
    const [room] = await tx.select().from(schema.incidentRooms).where(eq(schema.incidentRooms.id, roomId));
    const record = async (outcome: 'escalated' | 'acknowledged' | 'no_deputies', deputiesTexted = 0) => {
      await tx
        .update(schema.roomEscalations)
        .set({ outcome, checkedAt: new Date(), deputiesTexted })
        .where(and(eq(schema.roomEscalations.roomId, roomId), eq(schema.roomEscalations.organisationId, organisationId)));
      return outcome;
    };
    if (!room || room.status === 'closed' || room.status === 'resolved') {
      await record('acknowledged');
      return 'room-closed' as const;
    }
    const [ack] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(schema.roomAcknowledgements)
      .where(and(eq(schema.roomAcknowledgements.roomId, roomId), eq(schema.roomAcknowledgements.organisationId, organisationId)));
    if (ack.n > 0) return record('acknowledged');
    const deputies = await deputyContactsOf(tx, organisationId);
    if (deputies.length === 0) return record('no_deputies');
    const { queued } = await queueRoomTexts(tx, room, deputies);
    return record('escalated', queued / 2);
  });
  if (result === 'escalated') emitRoomSmsChanged(roomId);
  return result;
}
