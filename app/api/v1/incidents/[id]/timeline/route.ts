import { json, withActor } from '@/lib/http/api';
import { listRoomEvents } from '@/lib/incidents/room-events';

export const GET = withActor<{ id: string }>(async ({ actor, params }) => json({ events: await listRoomEvents(actor, params.id) }));
