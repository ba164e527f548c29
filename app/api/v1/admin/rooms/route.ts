import { json, withActor } from '@/lib/http/api';
import { listRoomRegister } from '@/lib/incidents/room-audit';

/** Admins: every room's reference, severity, status and opening time (never titles). */
export const GET = withActor(async ({ actor }) => json({ rooms: await listRoomRegister(actor) }));
