import { json, withActor } from '@/lib/http/api';
import { findUsersForModeration, listSanctionedUsers } from '@/lib/moderation/user-standing';

/** `?q=` finds people by name, email or username; without it, everyone silenced or suspended now. */
export const GET = withActor(async ({ actor, req }) => {
  const q = req.nextUrl.searchParams.get('q');
  return json({ users: q === null ? await listSanctionedUsers(actor) : await findUsersForModeration(actor, { q }) });
});
