import { json, readJson, withActor } from '@/lib/http/api';
import { changeUserRole } from '@/lib/people/roles';

/** Admins change a role: `{ role, reason }`. The person is signed out everywhere. */
export const PUT = withActor<{ id: string }>(async ({ actor, req, params }) => json(await changeUserRole(actor, params.id, await readJson(req))));
