import { json, readJson, withActor } from '@/lib/http/api';
import { getMyProfile, updateMyProfile } from '@/lib/people/profile';

/** Your profile and who sees each field (`members` | `organisation` | `staff`). */
export const GET = withActor(async ({ actor }) => json(await getMyProfile(actor)));

export const PATCH = withActor(async ({ actor, req }) => json(await updateMyProfile(actor, await readJson(req))));
