import { json, readJson, withActor } from '@/lib/http/api';
import { changeRoomTlp } from '@/lib/incidents/change-room-tlp';

/** `{ "tlp": "AMBER+STRICT" }`: raising is allowed; lowering below a post's label, or RED with organisations, is a 409. */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) => json(await changeRoomTlp(actor, params.id, await readJson(req))));
