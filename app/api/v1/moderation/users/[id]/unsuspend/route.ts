import { json, readJson, withActor } from '@/lib/http/api';
import { liftSuspension } from '@/lib/moderation/suspend-user';

type Params = { id: string };

export const POST = withActor<Params>(async ({ actor, req, params }) => json(await liftSuspension(actor, params.id, await readJson(req))));
