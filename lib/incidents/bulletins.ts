import { desc, eq, max } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema, type Tx } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Forbidden, Invalid, NotFound } from '@/lib/errors';
import { composeFollowUp, queueFollowUps } from '@/lib/alerts/outbox';
import { findRestrictedContent, restrictedStringsOf } from '@/lib/alerts/restricted-guard';
import { emitRoomSmsChanged } from '@/lib/realtime/emit';
import { renderMarkdown } from '@/lib/markdown';
import { mayPublishBulletin } from '@/lib/policy';
import { parseInput } from '@/lib/validation';
import { getRoomForMember } from './get-room';
import { announceRoomChange, recordRoomEvent } from './room-events';

export const publishBulletinInput = z.object({
  headline: z.string().trim().min(1, { message: 'Enter a headline' }).max(200, { message: 'Headline must be 200 characters or fewer' }),
  body: z.string().max(10_000, { message: 'Update must be 10,000 characters or fewer' }).default(''),
  /** Text everyone already texted for the room a personal link to this update (the follow-up signpost). */
  textEveryone: z.boolean({ message: 'textEveryone must be true or false' }).default(false),
});

type RoomForBulletin = { id: string; title: string; summary: string };

/** A bulletin is TLP:CLEAR: it may not repeat the room's restricted title or summary. */
export async function publishBulletinInTx(tx: Tx, actor: Actor, room: RoomForBulletin, input: { headline: string; body: string }) {
  const leaked = findRestrictedContent(`${input.headline}\n${input.body}`, restrictedStringsOf(room));
  if (leaked) {
    throw Invalid('A public bulletin must not repeat the restricted title or summary', {
      body: ['Remove text copied from the restricted title or summary'],
    });
  }
  const [{ latest }] = await tx
    .select({ latest: max(schema.bulletins.version) })
    .from(schema.bulletins)
    .where(eq(schema.bulletins.roomId, room.id));
  const [bulletin] = await tx
    .insert(schema.bulletins)
    .values({
      roomId: room.id,
      version: (latest ?? 0) + 1,
      headline: input.headline,
      bodyMarkdown: input.body,
      bodyHtml: input.body ? renderMarkdown(input.body) : '',
      publishedById: actor.id,
    })
    .returning({ id: schema.bulletins.id, version: schema.bulletins.version });
  await recordAudit(tx, {
    actorId: actor.id,
    action: 'bulletin.publish',
    subjectType: 'incident_room',
    subjectId: room.id,
    ip: actor.ip,
    detail: { version: bulletin.version },
  });
  await recordRoomEvent(tx, { roomId: room.id, kind: 'bulletin_published', actorId: actor.id, detail: { version: bulletin.version } });
  return bulletin;
}

/**
 * Publishes a new bulletin version. With `textEveryone`, the follow-up signpost goes to every number already
 * texted for the room — its outbox rows written in the same transaction as the version, once per number per
 * version, each with a personal /a/<token> link — and the timeline records how many were queued.
 */
export async function publishBulletin(actor: Actor, roomId: string, raw: unknown) {
  const { room, membership } = await getRoomForMember(actor, roomId);
  if (!mayPublishBulletin(actor, membership)) throw Forbidden('Only the room’s leads can publish its bulletin.');
  const input = parseInput(publishBulletinInput, raw);
  if (input.textEveryone) composeFollowUp(room, input.headline);
  const result = await getDb().transaction(async (tx) => {
    const bulletin = await publishBulletinInTx(tx, actor, room, input);
    let texts = 0;
    if (input.textEveryone) {
      texts = (await queueFollowUps(tx, room, bulletin.version, input.headline)).queued;
      if (texts > 0) await recordRoomEvent(tx, { roomId: room.id, kind: 'texts_sent', actorId: actor.id, detail: { count: texts, version: bulletin.version } });
    }
    return { ...bulletin, texts };
  });
  announceRoomChange(room.id);
  if (result.texts > 0) emitRoomSmsChanged(room.id);
  return result;
}

/** Public: no sign-in. Only the bulletin's own (public) fields and the room's public ones are returned. */
export async function getPublicBulletin(reference: string) {
  if (!/^INC-\d{4}-\d{4,}$/.test(reference)) throw NotFound();
  const rows = await getDb()
    .select({
      reference: schema.incidentRooms.reference,
      severity: schema.incidentRooms.severity,
      status: schema.incidentRooms.status,
      version: schema.bulletins.version,
      headline: schema.bulletins.headline,
      bodyHtml: schema.bulletins.bodyHtml,
      publishedAt: schema.bulletins.publishedAt,
    })
    .from(schema.bulletins)
    .innerJoin(schema.incidentRooms, eq(schema.incidentRooms.id, schema.bulletins.roomId))
    .where(eq(schema.incidentRooms.reference, reference))
    .orderBy(desc(schema.bulletins.version));
  if (rows.length === 0) throw NotFound();
  const [latest] = rows;
  return {
    reference: latest.reference,
    severity: latest.severity,
    status: latest.status,
    headline: latest.headline,
    updatedAt: latest.publishedAt,
    versions: rows.map((r) => ({ version: r.version, headline: r.headline, bodyHtml: r.bodyHtml, publishedAt: r.publishedAt })),
  };
}
