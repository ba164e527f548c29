import { json, withActor } from '@/lib/http/api';
import { getRoom } from '@/lib/incidents/get-room';

export const GET = withActor<{ id: string }>(async ({ actor, params }) => json(await getRoom(actor, params.id)));
