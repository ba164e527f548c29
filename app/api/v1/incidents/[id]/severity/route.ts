import { json, readJson, withActor } from '@/lib/http/api';
import { changeRoomSeverity } from '@/lib/incidents/room-lifecycle';

/** `{ "severity": "critical" }`: raising to high or critical texts members not yet alerted. */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await changeRoomSeverity(actor, params.id, await readJson(req))),
);
