import { json, readJson, withActor } from '@/lib/http/api';
import { moveThread } from '@/lib/moderation/move-thread';

type Params = { id: string };

export const POST = withActor<Params>(async ({ actor, req, params }) => json(await moveThread(actor, params.id, await readJson(req))));
