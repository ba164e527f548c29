import { and, asc, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { Forbidden } from '@/lib/errors';
import { mayReadChannels } from '@/lib/policy';
import { parseInput } from '@/lib/validation';
import { presentProfile } from './profile';

/**
 * The member and organisation directories: every signed-in member may read them; only active accounts
 * are listed (never suspended or closed ones); each profile field is shown per its owner's choice
 * (presentProfile → policy). Incident-room membership is never part of a directory.
 */
const ownerColumns = {
  id: schema.users.id,
  name: schema.users.name,
  username: schema.users.username,
  organisationId: schema.users.organisationId,
  jobRole: schema.users.jobRole,
  bio: schema.users.bio,
  email: schema.users.email,
  mobile: schema.users.mobile,
  profileVisibility: schema.users.profileVisibility,
};

export const organisationFilter = z.object({
  type: z.enum(schema.organisationType.enumValues, { message: 'Choose an organisation type from the list' }).optional(),
  region: z.string().trim().max(100).optional(),
});

export async function listDirectoryOrganisations(actor: Actor, raw: unknown = {}) {
  if (!mayReadChannels(actor)) throw Forbidden();
  const filter = parseInput(organisationFilter, raw ?? {});
  const db = getDb();
  const conditions: SQL[] = [];
  if (filter.type) conditions.push(eq(schema.organisations.type, filter.type));
  if (filter.region) conditions.push(eq(schema.organisations.region, filter.region));
  const organisations = await db
    .select({ id: schema.organisations.id, name: schema.organisations.name, odsCode: schema.organisations.odsCode, type: schema.organisations.type, region: schema.organisations.region })
    .from(schema.organisations)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(asc(schema.organisations.name));
  const members = organisations.length
    ? await db
        .select(ownerColumns)
        .from(schema.users)
        .where(and(eq(schema.users.status, 'active'), inArray(schema.users.organisationId, organisations.map((o) => o.id))))
        .orderBy(asc(schema.users.name))
    : [];
  const regions = await db.selectDistinct({ region: schema.organisations.region }).from(schema.organisations).orderBy(asc(schema.organisations.region));
  return {
    filters: { types: schema.organisationType.enumValues, regions: regions.map((r) => r.region).filter(Boolean) },
    organisations: organisations.map(({ id, ...o }) => ({
      ...o,
      members: members.filter((m) => m.organisationId === id).map((m) => presentProfile(actor, m)),
    })),
  };
}

export const peopleQuery = z.object({
  q: z.string().trim().max(200, { message: 'Search must be 200 characters or fewer' }).optional().default(''),
  odsCode: z.string().trim().toUpperCase().max(10).optional(),
});

/** Searches active members by name, @username or organisation; hidden fields are never searched. */
export async function listDirectoryPeople(actor: Actor, raw: unknown = {}) {
  if (!mayReadChannels(actor)) throw Forbidden();
  const query = parseInput(peopleQuery, raw ?? {});
  const conditions: SQL[] = [eq(schema.users.status, 'active')];
  if (query.q) {
    const pattern = `%${query.q.replace(/^@/, '').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(schema.users.name, pattern), ilike(schema.users.username, pattern), ilike(schema.organisations.name, pattern))!);
  }
  if (query.odsCode) conditions.push(eq(schema.organisations.odsCode, query.odsCode));
  const rows = await getDb()
    .select({ ...ownerColumns, organisation: schema.organisations.name, odsCode: schema.organisations.odsCode })
    .from(schema.users)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
    .where(and(...conditions))
    .orderBy(asc(schema.users.name))
    .limit(200);
  return rows.map((r) => ({ ...presentProfile(actor, r), organisation: r.organisation, odsCode: r.odsCode }));
}
