import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { activeMembershipOf } from '@/lib/policy';
import { emitRoomReminder } from '@/lib/realtime/emit';

export const REMINDER_QUEUE = 'room-update-reminders';

/**
 * Reminds the leads of each open room that has had no status update for its update interval (default
 * four hours, counted from the latest update or the room's opening), at most once per interval. Runs
 * from the worker every five minutes; safe to run concurrently (rooms are claimed with SKIP LOCKED).
 */
export async function remindStaleRooms(now = new Date()) {
  const at = now.toISOString();
  const reminded = await getDb().transaction(async (tx) => {
    const due = await tx.execute<{ id: string }>(sql`
      select r.id from ${schema.incidentRooms} r
      where r.status <> 'closed'
        and coalesce(
              (select max(p.created_at) from ${schema.roomPosts} p where p.room_id = r.id and p.kind = 'status_update'),
              r.created_at
            ) <= ${at}::timestamptz - make_interval(mins => r.update_interval_minutes)
        and (r.last_reminded_at is null or r.last_reminded_at <= ${at}::timestamptz - make_interval(mins => r.update_interval_minutes))
      for update of r skip locked`);
    const roomIds = due.map((r) => r.id);
    if (roomIds.length === 0) return [];
    const leads = await tx
      .select({ roomId: schema.roomMembers.roomId, userId: schema.roomMembers.userId })
      .from(schema.roomMembers)
      .innerJoin(schema.users, eq(schema.users.id, schema.roomMembers.userId))
      .where(
        and(
          inArray(schema.roomMembers.roomId, roomIds),
          eq(schema.roomMembers.role, 'lead'),
          isNull(schema.roomMembers.removedAt),
          eq(schema.users.status, 'active'),
        ),
      );
    if (leads.length) await tx.insert(schema.roomReminders).values(leads.map((l) => ({ roomId: l.roomId, userId: l.userId, createdAt: now })));
    await tx.update(schema.incidentRooms).set({ lastRemindedAt: now }).where(inArray(schema.incidentRooms.id, roomIds));
    return leads;
  });
  const byRoom = new Map<string, string[]>();
  for (const l of reminded) byRoom.set(l.roomId, [...(byRoom.get(l.roomId) ?? []), l.userId]);
  for (const [roomId, userIds] of byRoom) emitRoomReminder(userIds, roomId);
  return { rooms: byRoom.size, reminders: reminded.length };
}

/**
 * The actor's open reminders: rooms they still lead where no status update has been posted since the
 * reminder. Membership is in the WHERE, so a removed lead sees none.
 */
export async function listMyReminders(actor: Actor) {
  return getDb()
    .select({
      id: schema.roomReminders.id,
      roomId: schema.incidentRooms.id,
      reference: schema.incidentRooms.reference,
      createdAt: schema.roomReminders.createdAt,
    })
    .from(schema.roomReminders)
    .innerJoin(schema.incidentRooms, eq(schema.incidentRooms.id, schema.roomReminders.roomId))
    .innerJoin(schema.roomMembers, and(eq(schema.roomMembers.roomId, schema.incidentRooms.id), activeMembershipOf(actor), eq(schema.roomMembers.role, 'lead')))
    .where(
      and(
        eq(schema.roomReminders.userId, actor.id),
        isNull(schema.roomReminders.dismissedAt),
        sql`${schema.incidentRooms.status} <> 'closed'`,
        sql`not exists (select 1 from ${schema.roomPosts} p where p.room_id = ${schema.incidentRooms.id} and p.kind = 'status_update' and p.created_at > ${schema.roomReminders.createdAt})`,
      ),
    )
    .orderBy(desc(schema.roomReminders.createdAt));
}

/** Worker wiring: a pg-boss queue on a five-minute schedule. */
export async function startRoomReminderWorker(boss: PgBoss) {
  if (!(await boss.getQueue(REMINDER_QUEUE))) await boss.createQueue(REMINDER_QUEUE);
  await boss.work(REMINDER_QUEUE, { pollingIntervalSeconds: 30 }, async () => {
    await remindStaleRooms();
  });
  await boss.schedule(REMINDER_QUEUE, '*/5 * * * *');
}
