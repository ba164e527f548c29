import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { config } from '@/lib/config';
import { Conflict } from '@/lib/errors';
import { recordStaffAction } from '@/lib/moderation/staff-log';
import { isStaff } from '@/lib/policy';
import { parseInput } from '@/lib/validation';
import { lockRoomForManager } from './lock-room';
import { announceRoomChange, recordRoomEvent } from './room-events';

/** Update reminders: every 15 minutes at the most, every 7 days at the least. */
export const UPDATE_INTERVAL_BOUNDS = { min: 15, max: 7 * 24 * 60 } as const;
/** Escalation to deputies: 5 minutes to 24 hours after the alert. */
export const ESCALATION_BOUNDS = { min: 5, max: 24 * 60 } as const;

const minutes = (what: string, { min, max }: { min: number; max: number }) =>
  z.coerce
    .number({ message: `Enter the ${what} in minutes` })
    .int({ message: `Enter the ${what} as a whole number of minutes` })
    .min(min, { message: `The ${what} must be at least ${min} minutes` })
    .max(max, { message: `The ${what} must be at most ${max} minutes` });

export const roomSettingsInput = z
  .object({
    updateIntervalMinutes: minutes('update interval', UPDATE_INTERVAL_BOUNDS).optional(),
    escalationMinutes: minutes('escalation time', ESCALATION_BOUNDS).optional(),
  })
  .refine((v) => v.updateIntervalMinutes !== undefined || v.escalationMinutes !== undefined, {
    message: 'Give an update interval or an escalation time',
    path: ['updateIntervalMinutes'],
  });

/** The room's escalation time: its own setting, else the service default (SMS_ESCALATION_MINUTES). */
export function escalationMinutesOf(room: { escalationMinutes: number | null }) {
  return room.escalationMinutes ?? config().SMS_ESCALATION_MINUTES;
}

/**
 * The lead sets how often status updates are due (the reminder interval) and how long an invited
 * organisation has to acknowledge before its deputies are texted. A new escalation time applies to
 * organisations alerted from then on; checks already scheduled keep their time. Closed rooms are read-only;
 * a change that changes nothing is a 409. The timeline records `settings_changed`.
 */
export async function changeRoomSettings(actor: Actor, roomId: string, raw: unknown) {
  const result = await getDb().transaction(async (tx) => {
    const { room, membership } = await lockRoomForManager(tx, actor, roomId);
    const input = parseInput(roomSettingsInput, raw);
    if (room.status === 'closed') throw Conflict('This room is closed and read-only.');
    const before = { updateIntervalMinutes: room.updateIntervalMinutes, escalationMinutes: escalationMinutesOf(room) };
    const after = {
      updateIntervalMinutes: input.updateIntervalMinutes ?? before.updateIntervalMinutes,
      escalationMinutes: input.escalationMinutes ?? before.escalationMinutes,
    };
    if (after.updateIntervalMinutes === before.updateIntervalMinutes && after.escalationMinutes === before.escalationMinutes) {
      throw Conflict('Those are already the room’s settings.');
    }
    await tx
      .update(schema.incidentRooms)
      .set({
        updateIntervalMinutes: after.updateIntervalMinutes,
        ...(input.escalationMinutes !== undefined ? { escalationMinutes: after.escalationMinutes } : {}),
      })
      .where(eq(schema.incidentRooms.id, room.id));
    const detail = {
      updateIntervalFrom: before.updateIntervalMinutes,
      updateIntervalTo: after.updateIntervalMinutes,
      escalationFrom: before.escalationMinutes,
      escalationTo: after.escalationMinutes,
    };
    await recordRoomEvent(tx, { roomId: room.id, kind: 'settings_changed', actorId: actor.id, detail });
    await recordAudit(tx, { actorId: actor.id, action: 'room.settings', subjectType: 'incident_room', subjectId: room.id, ip: actor.ip, detail });
    if (isStaff(actor) && membership.role !== 'lead') {
      await recordStaffAction(tx, { actorId: actor.id, action: 'room.settings', targetType: 'room', targetId: room.id, detail });
    }
    return { id: room.id, ...after };
  });
  announceRoomChange(result.id);
  return result;
}
