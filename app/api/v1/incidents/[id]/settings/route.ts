import { json, readJson, withActor } from '@/lib/http/api';
import { changeRoomSettings } from '@/lib/incidents/change-room-settings';

/** `{ "updateIntervalMinutes": 120, "escalationMinutes": 45 }` (either or both). */
export const PATCH = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await changeRoomSettings(actor, params.id, await readJson(req))),
);
