import { json, withActor } from '@/lib/http/api';
import { listRoomAccess } from '@/lib/incidents/room-membership';

/** Who can see this room and why. */
export const GET = withActor<{ id: string }>(async ({ actor, params }) => json({ members: await listRoomAccess(actor, params.id) }));
