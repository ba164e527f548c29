import { json, withActor } from '@/lib/http/api';
import { listDirectoryOrganisations } from '@/lib/people/directory';

/** Organisations (`?type=`, `?region=`) with their active members; profile fields as each member allows. */
export const GET = withActor(async ({ actor, req }) => json(await listDirectoryOrganisations(actor, Object.fromEntries(req.nextUrl.searchParams))));
