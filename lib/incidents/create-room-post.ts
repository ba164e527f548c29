import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Conflict, Forbidden, Invalid } from '@/lib/errors';
import { markdownToPlainText, renderMarkdown } from '@/lib/markdown';
import { assertMayWrite, mayManageRoom, mayPostInRoom, TLP_ORDER, tlpWithin } from '@/lib/policy';
import { emitRoomPostCreated } from '@/lib/realtime/emit';
import { parseInput, postBody } from '@/lib/validation';
import { getRoomForMember } from './get-room';
import { announceRoomChange, recordRoomEvent } from './room-events';

export const createRoomPostInput = z.object({
  body: postBody,
  tlp: z.enum(TLP_ORDER, { message: 'Choose a TLP label' }),
  /** Post as "an acute trust in …" instead of by name. */
  anonymous: z.boolean({ message: 'Anonymous must be true or false' }).default(false),
  /** A lead's status update (reminders count from the latest one). */
  kind: z.enum(['message', 'status_update'], { message: 'Choose message or status update' }).default('message'),
});

export async function createRoomPost(actor: Actor, roomId: string, raw: unknown) {
  const { room, membership } = await getRoomForMember(actor, roomId);
  const input = parseInput(createRoomPostInput, raw);
  if (!tlpWithin(input.tlp, room.tlp)) {
    throw Invalid(`TLP:${input.tlp} is above this room’s ceiling of TLP:${room.tlp}`, {
      tlp: [`Choose TLP:${room.tlp} or lower`],
    });
  }
  if (input.kind === 'status_update' && input.anonymous) {
    throw Invalid('A status update is signed by its lead, not anonymous', { anonymous: ['Status updates cannot be anonymous'] });
  }
  if (room.status === 'closed') throw Conflict('This room is closed and read-only.');
  if (!mayPostInRoom(membership, room)) throw Conflict('Observers can read this room but not post in it.');
  if (input.kind === 'status_update' && !mayManageRoom(actor, membership)) throw Forbidden('Only the room’s leads post status updates.');
  const post = await getDb().transaction(async (tx) => {
    await assertMayWrite(tx, actor);
    const [created] = await tx
      .insert(schema.roomPosts)
      .values({
        roomId: room.id,
        authorId: actor.id,
        tlp: input.tlp,
        kind: input.kind,
        anonymous: input.anonymous,
        bodyMarkdown: input.body,
        bodyHtml: renderMarkdown(input.body),
        bodyText: markdownToPlainText(input.body),
      })
      .returning({ id: schema.roomPosts.id });
    if (input.kind === 'status_update') {
      await recordRoomEvent(tx, { roomId: room.id, kind: 'status_update', actorId: actor.id, detail: { postId: created.id } });
    }
    return created;
  });
  emitRoomPostCreated(room.id, post.id);
  if (input.kind === 'status_update') announceRoomChange(room.id);
  return { id: post.id };
}
