import { asc } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';

/** The organisation directory is open to every signed-in member. */
export async function listOrganisations(_actor: Actor) {
  return getDb()
    .select({
      odsCode: schema.organisations.odsCode,
      name: schema.organisations.name,
      type: schema.organisations.type,
      region: schema.organisations.region,
    })
    .from(schema.organisations)
    .orderBy(asc(schema.organisations.name));
}
