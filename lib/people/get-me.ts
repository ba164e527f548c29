import { eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import { maskPhone } from '@/lib/alerts/phone';
import type { Actor } from '@/lib/auth/actor';
import { NotFound } from '@/lib/errors';

export async function getMe(actor: Actor) {
  const [row] = await getDb()
    .select({ user: schema.users, organisation: schema.organisations })
    .from(schema.users)
    .innerJoin(schema.organisations, eq(schema.organisations.id, schema.users.organisationId))
    .where(eq(schema.users.id, actor.id))
    .limit(1);
  if (!row) throw NotFound();
  const { user, organisation } = row;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    mobile: user.mobile ? maskPhone(user.mobile) : null,
    mobileVerified: user.mobileVerified,
    odsCode: organisation.odsCode,
    organisation: { id: organisation.id, name: organisation.name, odsCode: organisation.odsCode, type: organisation.type },
  };
}
