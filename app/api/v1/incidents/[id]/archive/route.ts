import { json, withActor } from '@/lib/http/api';
import { archiveRoom } from '@/lib/incidents/room-lifecycle';

export const POST = withActor<{ id: string }>(async ({ actor, params }) => json(await archiveRoom(actor, params.id)));
