import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Conflict, Invalid } from '@/lib/errors';
import { markdownToPlainText, renderMarkdown } from '@/lib/markdown';
import { mayPostInRoom, TLP_ORDER, tlpWithin } from '@/lib/policy';
import { emitRoomPostCreated } from '@/lib/realtime/emit';
import { parseInput, postBody } from '@/lib/validation';
import { getRoomForMember } from './get-room';

export const createRoomPostInput = z.object({
  body: postBody,
  tlp: z.enum(TLP_ORDER, { message: 'Choose a TLP label' }),
});

export async function createRoomPost(actor: Actor, roomId: string, raw: unknown) {
  const { room, membership } = await getRoomForMember(actor, roomId);
  const input = parseInput(createRoomPostInput, raw);
  if (!tlpWithin(input.tlp, room.tlp)) {
    throw Invalid(`TLP:${input.tlp} is above this room’s ceiling of TLP:${room.tlp}`, {
      tlp: [`Choose TLP:${room.tlp} or lower`],
    });
  }
  if (room.status === 'closed') throw Conflict('This room is closed and read-only.');
  if (!mayPostInRoom(membership, room)) throw Conflict('Observers can read this room but not post in it.');
  const [post] = await getDb()
    .insert(schema.roomPosts)
    .values({ roomId: room.id, authorId: actor.id, tlp: input.tlp, bodyMarkdown: input.body, bodyHtml: renderMarkdown(input.body), bodyText: markdownToPlainText(input.body) })
    .returning({ id: schema.roomPosts.id });
  emitRoomPostCreated(room.id, post.id);
  return { id: post.id };
}
