import { revokeApiToken } from '@/lib/api-tokens/revoke-api-token';
import { json, withActor } from '@/lib/http/api';

type Params = { id: string };

export const DELETE = withActor<Params>(async ({ actor, params }) => json(await revokeApiToken(actor, params.id)));
