import { and, count, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict } from '@/lib/errors';
import { recordStaffAction } from '@/lib/moderation/staff-log';
import { isStaff, ROOM_CEILINGS, TLP_ORDER } from '@/lib/policy';
import { parseInput } from '@/lib/validation';
import { lockRoomForManager } from './lock-room';
import { announceRoomChange, recordRoomEvent } from './room-events';

export const changeTlpInput = z.object({ tlp: z.enum(ROOM_CEILINGS, { message: 'Choose a TLP label: AMBER, AMBER+STRICT or RED' }) });

/**
 * Changes a room's TLP ceiling (its leads, or a moderator or admin in the room).
 * - Raising is always allowed.
 * - Lowering is refused (409) while any post is labelled above the new ceiling: restricted content is never
 *   moved into a less restricted place.
 * - RED admits named people only, so changing to RED is refused (409) while the room has organisations or open
 *   organisation invitations; those members came in through their organisation, not by name.
 * Closed rooms are read-only. The timeline records `tlp_changed`; open pages refetch and the banner follows.
 */
export async function changeRoomTlp(actor: Actor, roomId: string, raw: unknown) {
  const result = await getDb().transaction(async (tx) => {
    const { room, membership } = await lockRoomForManager(tx, actor, roomId);
    const { tlp } = parseInput(changeTlpInput, raw);
    if (room.status === 'closed') throw Conflict('This room is closed and read-only.');
    if (tlp === room.tlp) throw Conflict(`The room’s TLP ceiling is already ${room.tlp}.`);
    const lowering = TLP_ORDER.indexOf(tlp) < TLP_ORDER.indexOf(room.tlp);
    if (lowering) {
      const above = TLP_ORDER.slice(TLP_ORDER.indexOf(tlp) + 1);
      const [{ n }] = await tx
        .select({ n: count() })
        .from(schema.roomPosts)
        .where(and(eq(schema.roomPosts.roomId, room.id), inArray(schema.roomPosts.tlp, above)));
      if (n > 0) {
        throw Conflict(
          `${n} ${n === 1 ? 'post is' : 'posts are'} labelled above TLP:${tlp}. The ceiling cannot go below the label of any post in the room.`,
        );
      }
    }
    if (tlp === 'RED') {
      const [{ n: organisations }] = await tx.select({ n: count() }).from(schema.roomOrganisations).where(eq(schema.roomOrganisations.roomId, room.id));
      const [{ n: invitations }] = await tx
        .select({ n: count() })
        .from(schema.roomInvitations)
        .where(
          and(
            eq(schema.roomInvitations.roomId, room.id),
            eq(schema.roomInvitations.status, 'pending'),
            gt(schema.roomInvitations.expiresAt, new Date()),
            isNotNull(schema.roomInvitations.organisationId),
          ),
        );
      if (organisations > 0 || invitations > 0) {
        throw Conflict('TLP:RED rooms admit named people only. This room has organisations or open organisation invitations, so it cannot become RED.');
      }
    }
    await tx.update(schema.incidentRooms).set({ tlp }).where(eq(schema.incidentRooms.id, room.id));
    await recordRoomEvent(tx, { roomId: room.id, kind: 'tlp_changed', actorId: actor.id, detail: { from: room.tlp, to: tlp } });
    await recordAudit(tx, { actorId: actor.id, action: 'room.tlp', subjectType: 'incident_room', subjectId: room.id, ip: actor.ip, detail: { from: room.tlp, to: tlp } });
    if (isStaff(actor) && membership.role !== 'lead') {
      await recordStaffAction(tx, { actorId: actor.id, action: 'room.tlp', targetType: 'room', targetId: room.id, detail: { from: room.tlp, to: tlp } });
    }
    return { id: room.id, tlp };
  });
  announceRoomChange(result.id);
  return result;
}
