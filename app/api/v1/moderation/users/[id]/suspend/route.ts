import { json, readJson, withActor } from '@/lib/http/api';
import { suspendUser } from '@/lib/moderation/suspend-user';

type Params = { id: string };

export const POST = withActor<Params>(async ({ actor, req, params }) => json(await suspendUser(actor, params.id, await readJson(req))));
