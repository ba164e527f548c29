import { json, readJson, withActor } from '@/lib/http/api';
import { enterRoomAsStaff } from '@/lib/incidents/room-audit';

/** `{ "reason": "…" }`: an admin enters a room as an observer; the leads are told. */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) => json(await enterRoomAsStaff(actor, params.id, await readJson(req)), 201));
