import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { requireSession } from '@/lib/auth/require-session';
import { recordAudit } from '@/lib/audit';
import { NotFound } from '@/lib/errors';
import { uuidParam } from '@/lib/validation';

/** The owner revokes one of their tokens; it stops working on its next request. Revoking twice is a no-op. */
export async function revokeApiToken(actor: Actor, tokenId: string) {
  requireSession(actor);
  if (!uuidParam.safeParse(tokenId).success) throw NotFound();
  return getDb().transaction(async (tx) => {
    const [token] = await tx
      .select({ id: schema.apiTokens.id, revokedAt: schema.apiTokens.revokedAt, name: schema.apiTokens.name })
      .from(schema.apiTokens)
      .where(and(eq(schema.apiTokens.id, tokenId), eq(schema.apiTokens.userId, actor.id)))
      .for('update')
      .limit(1);
    if (!token) throw NotFound();
    if (token.revokedAt) return { id: token.id, revokedAt: token.revokedAt.toISOString() };
    const [updated] = await tx
      .update(schema.apiTokens)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(schema.apiTokens.id, tokenId), isNull(schema.apiTokens.revokedAt)))
      .returning({ revokedAt: schema.apiTokens.revokedAt });
    await recordAudit(tx, { actorId: actor.id, action: 'api_token.revoke', subjectType: 'api_token', subjectId: token.id, ip: actor.ip, detail: { name: token.name } });
    return { id: token.id, revokedAt: updated.revokedAt!.toISOString() };
  });
}
