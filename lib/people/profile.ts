import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { NotFound } from '@/lib/errors';
import { mayViewProfileField, PROFILE_AUDIENCES, PROFILE_FIELDS, profileVisibilityOf, type ProfileField } from '@/lib/policy';
import { parseInput } from '@/lib/validation';

type ProfileOwner = {
  id: string;
  name: string;
  username: string | null;
  organisationId: string;
  jobRole: string;
  bio: string;
  email: string;
  mobile: string | null;
  profileVisibility: Record<string, unknown> | null;
};

/** A profile as one viewer may see it: a field they may not see is absent (null), decided by policy.mayViewProfileField. */
export function presentProfile(viewer: Actor, owner: ProfileOwner) {
  const show = <T,>(field: ProfileField, value: T): T | null => (mayViewProfileField(viewer, owner, field) ? value : null);
  return {
    id: owner.id,
    name: owner.name,
    username: owner.username,
    jobRole: show('jobRole', owner.jobRole || null),
    bio: show('bio', owner.bio || null),
    email: show('email', owner.email),
    mobile: show('mobile', owner.mobile),
  };
}

const audience = z.enum(PROFILE_AUDIENCES, { message: 'Choose members, organisation or staff' });

export const profileInput = z.object({
  jobRole: z.string().trim().max(120, { message: 'Job role must be 120 characters or fewer' }).optional(),
  bio: z.string().trim().max(2000, { message: 'About you must be 2,000 characters or fewer' }).optional(),
  visibility: z.object(Object.fromEntries(PROFILE_FIELDS.map((f) => [f, audience.optional()])) as Record<ProfileField, z.ZodOptional<typeof audience>>).strict().optional(),
});

export async function getMyProfile(actor: Actor) {
  const [user] = await getDb().select().from(schema.users).where(eq(schema.users.id, actor.id)).limit(1);
  if (!user) throw NotFound();
  return {
    name: user.name,
    email: user.email,
    mobile: user.mobile,
    jobRole: user.jobRole,
    bio: user.bio,
    visibility: profileVisibilityOf(user.profileVisibility),
  };
}

/** A member edits their job role and bio and chooses who sees each profile field. */
export async function updateMyProfile(actor: Actor, raw: unknown) {
  const input = parseInput(profileInput, raw);
  await getDb().transaction(async (tx) => {
    const [user] = await tx.select({ profileVisibility: schema.users.profileVisibility }).from(schema.users).where(eq(schema.users.id, actor.id)).for('update').limit(1);
    if (!user) throw NotFound();
    const visibility = { ...profileVisibilityOf(user.profileVisibility), ...Object.fromEntries(Object.entries(input.visibility ?? {}).filter(([, v]) => v !== undefined)) };
    await tx
      .update(schema.users)
      .set({
        ...(input.jobRole !== undefined ? { jobRole: input.jobRole } : {}),
        ...(input.bio !== undefined ? { bio: input.bio } : {}),
        profileVisibility: visibility,
      })
      .where(eq(schema.users.id, actor.id));
    await recordAudit(tx, { actorId: actor.id, action: 'profile.update', subjectType: 'user', subjectId: actor.id, ip: actor.ip, detail: { visibility } });
  });
  return getMyProfile(actor);
}
