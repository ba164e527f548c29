import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { requireSession } from '@/lib/auth/require-session';
import { recordAudit } from '@/lib/audit';
import { Conflict } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { newTokenSecret } from './token-secret';

export const MAX_ACTIVE_TOKENS = 20;

export const createApiTokenInput = z.object({
  name: z
    .string({ message: 'Enter a name for the token' })
    .trim()
    .min(1, { message: 'Enter a name for the token' })
    .max(100, { message: 'Name must be 100 characters or fewer' }),
  scope: z.enum(['read', 'read_write'], { message: 'Choose read-only or read and write' }),
  expiresInDays: z.coerce
    .number({ message: 'Enter the number of days, from 1 to 365' })
    .int({ message: 'Enter a whole number of days, from 1 to 365' })
    .min(1, { message: 'A token lasts at least 1 day' })
    .max(365, { message: 'A token lasts at most 365 days' })
    .default(90),
});

/**
 * A personal API token for integrations. The secret is returned this once; only its SHA-256 hash and
 * its first characters are stored.
 */
export async function createApiToken(actor: Actor, raw: unknown) {
  requireSession(actor);
  const input = parseInput(createApiTokenInput, raw);
  const secret = newTokenSecret();
  const row = await getDb().transaction(async (tx) => {
    // One token at a time per person, so the limit holds under concurrent requests.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('api-tokens:' || ${actor.id}))`);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(schema.apiTokens)
      .where(and(eq(schema.apiTokens.userId, actor.id), isNull(schema.apiTokens.revokedAt), gt(schema.apiTokens.expiresAt, sql`now()`)));
    if (n >= MAX_ACTIVE_TOKENS) throw Conflict(`You have ${MAX_ACTIVE_TOKENS} active tokens. Revoke one before creating another.`);
    const [created] = await tx
      .insert(schema.apiTokens)
      .values({
        userId: actor.id,
        name: input.name,
        tokenHash: secret.hash,
        prefix: secret.prefix,
        scope: input.scope,
        expiresAt: sql`now() + make_interval(days => ${input.expiresInDays})`,
      })
      .returning();
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'api_token.create',
      subjectType: 'api_token',
      subjectId: created.id,
      ip: actor.ip,
      detail: { name: input.name, scope: input.scope, expiresAt: created.expiresAt.toISOString() },
    });
    return created;
  });
  return { id: row.id, name: row.name, scope: row.scope, prefix: row.prefix, expiresAt: row.expiresAt.toISOString(), token: secret.token };
}
