import { json, withActor } from '@/lib/http/api';
import { listRoomSms } from '@/lib/incidents/room-sms';

export const GET = withActor<{ id: string }>(async ({ actor, params }) => json({ texts: await listRoomSms(actor, params.id) }));
