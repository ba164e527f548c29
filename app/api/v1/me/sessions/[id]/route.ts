import { revokeMySession } from '@/lib/auth/revoke-session';
import { json, withActor } from '@/lib/http/api';

type Params = { id: string };

export const DELETE = withActor<Params>(async ({ actor, params }) => json(await revokeMySession(actor, params.id)));
