import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskPhone } from '@/lib/alerts/phone';
import type { Actor } from '@/lib/auth/actor';
import { setRuntimeEnv } from '@/lib/config';
import { changeRoomStatus } from '@/lib/incidents/room-lifecycle';
import { startBoss, stopBoss } from '@/lib/jobs';
import { archiveLongClosedRooms } from '@/lib/retention/archive-closed-rooms';
import { redactedPhoneLabel, redactOldSmsPhones } from '@/lib/retention/redact-sms-phones';
import { RETENTION_QUEUE, runRetention, startRetentionWorker } from '@/lib/retention/worker';
import { config } from '@/lib/config';
import { actorFor, db, makeUser, rawSql, rowCounts, schema, useTestDatabase, openCriticalRoom } from './harness';

/** Retention (UK GDPR): SMS ledger phone numbers cut to their last three digits; long-closed rooms archived. */
useTestDatabase();

let lead: Actor;

beforeAll(async () => {
  lead = actorFor(await makeUser({ role: 'incident_lead' }));
});
afterAll(async () => {
  await stopBoss();
});

async function alertingRoom(mobiles: string[]) {
  const people = await Promise.all(mobiles.map((mobile) => makeUser({ mobile })));
  return openCriticalRoom(lead, people.map((p) => p.email));
}
const smsOf = (roomId: string) => db().select().from(schema.smsMessages).where(eq(schema.smsMessages.roomId, roomId));
const auditOf = (action: string) => db().select().from(schema.auditEvents).where(eq(schema.auditEvents.action, action));

describe('SMS phone numbers', () => {
  it('are cut to their last three digits after 90 days, distinct even when two numbers end alike; newer ones are kept', async () => {
    // Two numbers ending 103 in one room: the unique (room, phone, kind, version) index must still hold.
    const old = await alertingRoom(['+447700900103', '+447700901103', '+447700900555']);
    const recent = await alertingRoom(['+447700900777']);
    await rawSql()`update sms_messages set created_at = now() - interval '91 days' where room_id = ${old.id}`;
    await rawSql()`update sms_messages set created_at = now() - interval '89 days' where room_id = ${recent.id}`;
    const before = await smsOf(old.id);
    expect(before.length).toBe(6);

    const result = await redactOldSmsPhones();
    expect(result.redacted).toBe(6);
    const after = await smsOf(old.id);
    for (const row of after) {
      const was = before.find((b) => b.id === row.id)!;
      expect(row.phone).toBe(`redacted:${row.id}:•••••••••${was.phone.slice(-3)}`);
      expect(redactedPhoneLabel(row.phone)).toBe(`•••••••••${was.phone.slice(-3)}`);
      // The ledger's masking still shows the same three digits.
      expect(maskPhone(row.phone)).toBe(maskPhone(was.phone));
      expect(row.phoneRedactedAt).toBeInstanceOf(Date);
      expect(row.phone).not.toContain(was.phone.slice(0, -3));
    }
    for (const row of await smsOf(recent.id)) {
      expect(row.phone).toBe('+447700900777');
      expect(row.phoneRedactedAt).toBeNull();
    }
    const audits = await auditOf('retention.sms_phones_redacted');
    expect(audits).toHaveLength(1);
    expect(audits[0].detail).toMatchObject({ count: 6, days: 90 });
    expect(JSON.stringify(audits[0].detail)).not.toMatch(/\+44|7700/);

    // Idempotent: a second run changes and records nothing.
    const counts = await rowCounts();
    expect((await redactOldSmsPhones()).redacted).toBe(0);
    expect(await rowCounts()).toEqual(counts);
    expect(await smsOf(old.id)).toEqual(after);
  });

  it('follow the configured period', async () => {
    const room = await alertingRoom(['+447700900321']);
    await rawSql()`update sms_messages set created_at = now() - interval '8 days' where room_id = ${room.id}`;
    expect((await redactOldSmsPhones()).redacted).toBe(0);
    process.env.RETENTION_SMS_PHONE_DAYS = '7';
    setRuntimeEnv({});
    try {
      expect(config().RETENTION_SMS_PHONE_DAYS).toBe(7);
      // This room's two texts, and the 89-day-old ones of the first test.
      expect((await redactOldSmsPhones()).redacted).toBe(4);
      expect((await smsOf(room.id)).map((r) => redactedPhoneLabel(r.phone))).toEqual(['•••••••••321', '•••••••••321']);
    } finally {
      delete process.env.RETENTION_SMS_PHONE_DAYS;
      setRuntimeEnv({});
    }
  });
});

describe('closed rooms', () => {
  it('are archived 30 days after closing, with a timeline event and an audit record; open and recently closed rooms are not', async () => {
    const longClosed = await alertingRoom([]);
    const recentlyClosed = await alertingRoom([]);
    const open = await alertingRoom([]);
    for (const room of [longClosed, recentlyClosed]) await changeRoomStatus(lead, room.id, { status: 'closed' });
    await rawSql()`update incident_rooms set closed_at = now() - interval '31 days' where id = ${longClosed.id}`;
    await rawSql()`update incident_rooms set closed_at = now() - interval '29 days' where id = ${recentlyClosed.id}`;
    await rawSql()`update incident_rooms set closed_at = now() - interval '31 days' where id = ${open.id}`;
    const auditsBefore = (await db().select().from(schema.auditEvents)).length;

    const result = await archiveLongClosedRooms();
    expect(result.archived).toEqual([longClosed.id]);
    const rooms = await db()
      .select({ id: schema.incidentRooms.id, archivedAt: schema.incidentRooms.archivedAt })
      .from(schema.incidentRooms)
      .where(inArray(schema.incidentRooms.id, [longClosed.id, recentlyClosed.id, open.id]));
    expect(rooms.find((r) => r.id === longClosed.id)!.archivedAt).toBeInstanceOf(Date);
    expect(rooms.find((r) => r.id === recentlyClosed.id)!.archivedAt).toBeNull();
    expect(rooms.find((r) => r.id === open.id)!.archivedAt).toBeNull();
    const events = await db()
      .select()
      .from(schema.roomEvents)
      .where(and(eq(schema.roomEvents.roomId, longClosed.id), eq(schema.roomEvents.kind, 'archived')));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: null, detail: { reason: 'retention', days: 30 } });
    // The trail is kept: nothing was deleted, one audit record was added.
    const audits = await db().select().from(schema.auditEvents);
    expect(audits.length).toBe(auditsBefore + 1);
    expect(audits.at(-1)).toMatchObject({ action: 'room.archive', subjectId: longClosed.id, actorId: null });

    const counts = await rowCounts();
    expect((await archiveLongClosedRooms()).archived).toEqual([]);
    expect(await rowCounts()).toEqual(counts);
  });
});

describe('the daily job', () => {
  it('runs both rules through pg-boss', async () => {
    const room = await alertingRoom(['+447700900444']);
    await changeRoomStatus(lead, room.id, { status: 'closed' });
    await rawSql()`update incident_rooms set closed_at = now() - interval '40 days' where id = ${room.id}`;
    await rawSql()`update sms_messages set created_at = now() - interval '100 days' where room_id = ${room.id}`;
    const boss = await startBoss(config().DATABASE_URL!);
    // As the schedule would: a job in the queue, which the worker takes on its first fetch.
    await boss.createQueue(RETENTION_QUEUE);
    await boss.send(RETENTION_QUEUE, {});
    await startRetentionWorker(boss);
    const schedules = await boss.getSchedules();
    expect(schedules.find((s) => s.name === RETENTION_QUEUE)?.cron).toBe('15 3 * * *');
    const deadline = Date.now() + 15_000;
    let done = false;
    while (!done && Date.now() < deadline) {
      const [r] = await db().select({ archivedAt: schema.incidentRooms.archivedAt }).from(schema.incidentRooms).where(eq(schema.incidentRooms.id, room.id));
      const sms = await smsOf(room.id);
      done = r.archivedAt !== null && sms.every((s) => s.phoneRedactedAt !== null);
      if (!done) await new Promise((res) => setTimeout(res, 200));
    }
    expect(done).toBe(true);
    expect(await runRetention()).toEqual({ phonesRedacted: 0, roomsArchived: 0 });
  });
});
