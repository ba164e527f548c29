import { desc, eq, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';

/**
 * Public: no sign-in. Each room's latest bulletin, newest first — the bulletin's own (TLP:CLEAR) fields
 * and the room's public ones only; the restricted title and summary are never selected.
 */
export async function listPublicBulletins(limit = 100) {
  const latest = getDb()
    .selectDistinctOn([schema.bulletins.roomId], {
      roomId: schema.bulletins.roomId,
      headline: schema.bulletins.headline,
      publishedAt: schema.bulletins.publishedAt,
    })
    .from(schema.bulletins)
    .orderBy(schema.bulletins.roomId, desc(schema.bulletins.version))
    .as('latest');
  return getDb()
    .select({
      reference: schema.incidentRooms.reference,
      severity: schema.incidentRooms.severity,
      status: schema.incidentRooms.status,
      headline: latest.headline,
      updatedAt: latest.publishedAt,
    })
    .from(latest)
    .innerJoin(schema.incidentRooms, eq(schema.incidentRooms.id, latest.roomId))
    .orderBy(desc(latest.publishedAt), desc(sql`${schema.incidentRooms.reference}`))
    .limit(limit);
}
