import { getThread } from '@/lib/forum/get-thread';
import { json, withActor } from '@/lib/http/api';

export const GET = withActor<{ id: string }>(async ({ actor, params }) => json(await getThread(actor, params.id)));
