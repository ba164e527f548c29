import { json, withActor } from '@/lib/http/api';
import { listDirectoryPeople } from '@/lib/people/directory';

/** Active members (`?q=` name, @username or organisation; `?odsCode=`); profile fields as each member allows. */
export const GET = withActor(async ({ actor, req }) => json({ people: await listDirectoryPeople(actor, Object.fromEntries(req.nextUrl.searchParams)) }));
