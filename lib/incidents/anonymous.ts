import { and, eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Forbidden, NotFound } from '@/lib/errors';
import { isStaff } from '@/lib/policy';
import { uuidParam } from '@/lib/validation';
import { getRoomForMember } from './get-room';
export { anonymousAuthorLabel } from './anonymous-label';

/**
 * Moderators and admins who are in the room may see who wrote an anonymous post. Every reveal is
 * audited. Anyone else in the room is refused; anyone outside gets the missing-room 404.
 */
export async function revealPostAuthor(actor: Actor, roomId: string, postId: string) {
  const { room } = await getRoomForMember(actor, roomId);
  if (!isStaff(actor)) throw Forbidden('Only moderators and admins can see who wrote an anonymous post.');
  if (!uuidParam.safeParse(postId).success) throw NotFound();
  return getDb().transaction(async (tx) => {
    const [row] = await tx
      .select({ userId: schema.users.id, name: schema.users.name, organisationName: schema.organisations.name })
      .from(schema.roomPosts)
      .innerJoin(schema.users, eq(schema.users.id, schema.roomPosts.authorId))
      .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
      .where(and(eq(schema.roomPosts.id, postId), eq(schema.roomPosts.roomId, room.id), eq(schema.roomPosts.anonymous, true)));
    if (!row) throw NotFound();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'room.post.reveal_author',
      subjectType: 'incident_room',
      subjectId: room.id,
      ip: actor.ip,
      detail: { postId, authorId: row.userId },
    });
    return { postId, authorName: row.name, organisationName: row.organisationName };
  });
}
