import { json, readJson, withActor } from '@/lib/http/api';
import { createRoomPost } from '@/lib/incidents/create-room-post';

export const POST = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await createRoomPost(actor, params.id, await readJson(req)), 201),
);
