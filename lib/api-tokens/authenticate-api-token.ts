import { and, eq, sql } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { AppError, Forbidden } from '@/lib/errors';
import type { TokenActor } from './token-actor';
import { hashToken, TOKEN_PATTERN } from './token-secret';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** One answer for every unusable token, so a caller cannot tell unknown from revoked or expired. */
const badToken = () => new AppError('unauthenticated', 'The API token is not valid: it may have expired or been revoked.');

/**
 * The actor behind `Authorization: Bearer wr_…` on /api/v1. The token must exist, be unrevoked and
 * unexpired, and its owner active (a suspension stops it at once); a read-only token is refused on
 * anything but a read. Last use is written at most once a minute.
 */
export async function actorFromApiToken(token: string, method: string, ip?: string): Promise<TokenActor> {
  if (!TOKEN_PATTERN.test(token)) throw badToken();
  const [row] = await getDb()
    .select({
      tokenId: schema.apiTokens.id,
      scope: schema.apiTokens.scope,
      id: schema.users.id,
      name: schema.users.name,
      email: schema.users.email,
      role: schema.users.role,
      organisationId: schema.users.organisationId,
    })
    .from(schema.apiTokens)
    .innerJoin(schema.users, eq(schema.users.id, schema.apiTokens.userId))
    .where(
      and(
        eq(schema.apiTokens.tokenHash, hashToken(token)),
        sql`${schema.apiTokens.revokedAt} is null`,
        sql`${schema.apiTokens.expiresAt} > now()`,
        eq(schema.users.status, 'active'),
      ),
    )
    .limit(1);
  if (!row) throw badToken();
  if (row.scope === 'read' && !SAFE_METHODS.has(method.toUpperCase())) throw Forbidden('This API token is read-only.');
  await getDb()
    .update(schema.apiTokens)
    .set({ lastUsedAt: sql`now()` })
    .where(
      and(
        eq(schema.apiTokens.id, row.tokenId),
        sql`(${schema.apiTokens.lastUsedAt} is null or ${schema.apiTokens.lastUsedAt} < now() - interval '1 minute')`,
      ),
    );
  const { tokenId, scope, ...actor } = row;
  return { ...actor, ip, apiToken: { id: tokenId, scope } };
}

/** The token from `Authorization: Bearer <token>`, or undefined when there is no bearer header. */
export function bearerToken(header: string | null): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1] : header.trim() ? '' : undefined;
}
