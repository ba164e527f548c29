import { getThread } from '@/lib/forum/get-thread';
import { setThreadFlags } from '@/lib/forum/moderate-thread';
import { json, readJson, withActor } from '@/lib/http/api';

type Params = { id: string };

export const GET = withActor<Params>(async ({ actor, params }) => json(await getThread(actor, params.id)));

export const PATCH = withActor<Params>(async ({ actor, req, params }) => json(await setThreadFlags(actor, params.id, await readJson(req))));
