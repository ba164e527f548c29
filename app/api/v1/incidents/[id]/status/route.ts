import { json, readJson, withActor } from '@/lib/http/api';
import { changeRoomStatus } from '@/lib/incidents/room-lifecycle';

/** `{ "status": "contained" }`: forward only (open → contained → resolved → closed). */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await changeRoomStatus(actor, params.id, await readJson(req))),
);
