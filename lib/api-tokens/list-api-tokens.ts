import { desc, eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { requireSession } from '@/lib/auth/require-session';

/** The actor's own tokens (never the secret): name, prefix, scope, expiry, last use, state. */
export async function listApiTokens(actor: Actor) {
  requireSession(actor);
  const rows = await getDb()
    .select({
      id: schema.apiTokens.id,
      name: schema.apiTokens.name,
      prefix: schema.apiTokens.prefix,
      scope: schema.apiTokens.scope,
      expiresAt: schema.apiTokens.expiresAt,
      lastUsedAt: schema.apiTokens.lastUsedAt,
      createdAt: schema.apiTokens.createdAt,
      revokedAt: schema.apiTokens.revokedAt,
    })
    .from(schema.apiTokens)
    .where(eq(schema.apiTokens.userId, actor.id))
    .orderBy(desc(schema.apiTokens.createdAt), desc(schema.apiTokens.id));
  const now = Date.now();
  return {
    tokens: rows.map((t) => ({
      ...t,
      state: t.revokedAt ? ('revoked' as const) : t.expiresAt.getTime() <= now ? ('expired' as const) : ('active' as const),
    })),
  };
}
