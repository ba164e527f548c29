import type { Tx } from '@/db/client';
import { queueRoomTexts, type AlertingRoom, type Recipient } from '@/lib/alerts/outbox';
import { distinctNumbers } from '@/lib/alerts/recipients';
import { recordRoomEvent } from './room-events';

const ALERTING: readonly string[] = ['high', 'critical'];

/**
 * Someone brought into a room whose alert has already gone out (a high or critical room) — an accepted
 * invitation, an organisation's key contacts, a nominee — gets the same alert and signpost, in the caller's
 * transaction. Numbers already texted for the room are skipped by the outbox, so each number is texted once
 * per room however many ways it arrives. Returns how many texts were queued (0 for a room not alerting).
 */
export async function textLateJoiners(tx: Tx, room: AlertingRoom, recipients: Recipient[], actorId: string) {
  if (!ALERTING.includes(room.severity)) return 0;
  const { queued } = await queueRoomTexts(tx, room, distinctNumbers(recipients));
  if (queued > 0) await recordRoomEvent(tx, { roomId: room.id, kind: 'texts_sent', actorId, detail: { count: queued } });
  return queued;
}
