import { json, readJson, withActor } from '@/lib/http/api';
import { restorePost } from '@/lib/moderation/hide-post';

type Params = { id: string };

export const POST = withActor<Params>(async ({ actor, req, params }) => json(await restorePost(actor, params.id, await readJson(req))));
