import { listMySessions } from '@/lib/auth/list-sessions';
import { revokeMyOtherSessions } from '@/lib/auth/revoke-session';
import { json, withActor } from '@/lib/http/api';

export const GET = withActor(async ({ actor }) => json({ sessions: await listMySessions(actor) }));

/** Signs out every other session of mine, keeping this one. */
export const DELETE = withActor(async ({ actor }) => json(await revokeMyOtherSessions(actor)));
