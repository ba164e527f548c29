import { json, withActor } from '@/lib/http/api';
import { listRoomAudit } from '@/lib/incidents/room-audit';

export const GET = withActor<{ id: string }>(async ({ actor, params }) => json({ audit: await listRoomAudit(actor, params.id) }));
