import { json, withActor } from '@/lib/http/api';
import { viewRoom } from '@/lib/incidents/room-audit';

/** Every read of a room is recorded (who, when, from where). */
export const GET = withActor<{ id: string }>(async ({ actor, params }) => json(await viewRoom(actor, params.id, 'api')));
