import { json, withActor } from '@/lib/http/api';
import { listUsers } from '@/lib/people/roles';

/** Admins: every account with its role and status (`?q=`, `?role=`, `?status=`). */
export const GET = withActor(async ({ actor, req }) => json({ users: await listUsers(actor, Object.fromEntries(req.nextUrl.searchParams)) }));
