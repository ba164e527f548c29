import { and, asc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { getDb, schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { emitRoomChanged } from '@/lib/realtime/emit';
import { getRoomForMember } from './get-room';

export type RoomEventKind = (typeof schema.roomEventKind.enumValues)[number];
export type RoomEventInput = {
  roomId: string;
  kind: RoomEventKind;
  actorId: string | null;
  subjectUserId?: string | null;
  subjectOrganisationId?: string | null;
  /** Enumerated values and counts only: the timeline never copies restricted text. */
  detail?: Record<string, string | number | null>;
};

/** Appends to the room's timeline in the caller's transaction. */
export async function recordRoomEvent(tx: Tx, event: RoomEventInput) {
  await recordRoomEvents(tx, [event]);
}

export async function recordRoomEvents(tx: Tx, events: RoomEventInput[]) {
  if (events.length === 0) return;
  await tx.insert(schema.roomEvents).values(
    events.map((event) => ({
      roomId: event.roomId,
      kind: event.kind,
      actorId: event.actorId,
      subjectUserId: event.subjectUserId ?? null,
      subjectOrganisationId: event.subjectOrganisationId ?? null,
      detail: event.detail ?? {},
    })),
  );
}

/** After the transaction commits: members' open pages refetch the room and its timeline. */
export function announceRoomChange(roomId: string) {
  emitRoomChanged(roomId);
}

const actors = alias(schema.users, 'event_actor');
const subjects = alias(schema.users, 'event_subject');

/** The room's timeline, oldest first, for its current members only. */
export async function listRoomEvents(actor: Actor, roomId: string) {
  const { room } = await getRoomForMember(actor, roomId);
  const rows = await getDb()
    .select({
      id: schema.roomEvents.id,
      kind: schema.roomEvents.kind,
      detail: schema.roomEvents.detail,
      createdAt: schema.roomEvents.createdAt,
      actorName: actors.name,
      subjectName: subjects.name,
      organisationName: schema.organisations.name,
    })
    .from(schema.roomEvents)
    .leftJoin(actors, eq(actors.id, schema.roomEvents.actorId))
    .leftJoin(subjects, eq(subjects.id, schema.roomEvents.subjectUserId))
    .leftJoin(schema.organisations, eq(schema.organisations.id, schema.roomEvents.subjectOrganisationId))
    .where(and(eq(schema.roomEvents.roomId, room.id)))
    .orderBy(asc(schema.roomEvents.createdAt), asc(schema.roomEvents.id));
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}
