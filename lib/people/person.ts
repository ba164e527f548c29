import { eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { NotFound } from '@/lib/errors';

/** The acting person's own row and their organisation's; NotFound if the account is gone. */
export async function getOwnPerson(userId: string) {
  const [row] = await getDb()
    .select({ user: schema.users, organisation: schema.organisations })
    .from(schema.users)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
    .where(eq(schema.users.id, userId))
    .limit(1);
  if (!row) throw NotFound();
  return row;
}
