import { json, readJson, withActor } from '@/lib/http/api';
import { silenceUser } from '@/lib/moderation/silence-user';

type Params = { id: string };

export const POST = withActor<Params>(async ({ actor, req, params }) => json(await silenceUser(actor, params.id, await readJson(req))));
