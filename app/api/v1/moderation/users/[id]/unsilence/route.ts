import { json, readJson, withActor } from '@/lib/http/api';
import { liftSilence } from '@/lib/moderation/silence-user';

type Params = { id: string };

export const POST = withActor<Params>(async ({ actor, req, params }) => json(await liftSilence(actor, params.id, await readJson(req))));
