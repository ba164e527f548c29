import { eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Forbidden, NotFound } from '@/lib/errors';
import { mayModerate, mayModerateUser } from '@/lib/policy';
import { parseInput, uuidParam } from '@/lib/validation';

const standingColumns = {
  id: schema.users.id,
  name: schema.users.name,
  email: schema.users.email,
  role: schema.users.role,
  status: schema.users.status,
  silencedUntil: schema.users.silencedUntil,
  silenceReason: schema.users.silenceReason,
  suspendedUntil: schema.users.suspendedUntil,
  suspensionReason: schema.users.suspensionReason,
  organisationName: schema.organisations.name,
};

const selectStanding = () =>
  getDb().select(standingColumns).from(schema.users).innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId));
type Row = Awaited<ReturnType<typeof selectStanding>>[number];

function present(actor: Actor, r: Row) {
  const silenced = r.silencedUntil !== null && r.silencedUntil.getTime() > Date.now();
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    role: r.role,
    status: r.status,
    organisationName: r.organisationName,
    silenced,
    silencedUntil: silenced ? r.silencedUntil!.toISOString() : null,
    silenceReason: silenced ? r.silenceReason : null,
    suspendedUntil: r.status === 'suspended' ? (r.suspendedUntil?.toISOString() ?? null) : null,
    suspensionReason: r.status === 'suspended' ? r.suspensionReason : null,
    mayModerate: mayModerateUser(actor, { id: r.id, role: r.role }),
  };
}

export type UserStanding = ReturnType<typeof present>;

/** One person's standing (silence, suspension) for the moderation screen. */
export async function getUserStanding(actor: Actor, userId: string): Promise<UserStanding> {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can do that.');
  if (!uuidParam.safeParse(userId).success) throw NotFound();
  const [row] = await selectStanding()
    .where(eq(schema.users.id, userId))
    .limit(1);
  if (!row) throw NotFound();
  return present(actor, row);
}

export const findUsersInput = z.object({
  q: z.string({ message: 'Enter a name or email' }).trim().min(2, { message: 'Enter at least 2 characters' }).max(200, { message: 'Enter 200 characters or fewer' }),
});

/** Staff look people up by name, email or username; at most 20. */
export async function findUsersForModeration(actor: Actor, raw: unknown): Promise<UserStanding[]> {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can do that.');
  const { q } = parseInput(findUsersInput, raw);
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await selectStanding()
    .where(or(ilike(schema.users.name, like), ilike(schema.users.email, like), ilike(schema.users.username, like)))
    .orderBy(sql`lower(${schema.users.name})`, schema.users.id)
    .limit(20);
  return rows.map((r) => present(actor, r));
}

/** Everyone currently silenced or suspended, for the moderation screen. */
export async function listSanctionedUsers(actor: Actor): Promise<UserStanding[]> {
  if (!mayModerate(actor)) throw Forbidden('Only moderators can do that.');
  const rows = await selectStanding()
    .where(or(eq(schema.users.status, 'suspended'), sql`${schema.users.silencedUntil} > now()`))
    .orderBy(sql`lower(${schema.users.name})`, schema.users.id)
    .limit(200);
  return rows.map((r) => present(actor, r));
}
