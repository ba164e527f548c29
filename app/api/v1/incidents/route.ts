import { json, readJson, withActor } from '@/lib/http/api';
import { createRoom } from '@/lib/incidents/create-room';
import { listRooms } from '@/lib/incidents/list-rooms';

export const GET = withActor(async ({ actor }) => json({ incidents: await listRooms(actor) }));

export const POST = withActor(async ({ actor, req }) => {
  const { id, reference } = await createRoom(actor, await readJson(req));
  return json({ id, reference }, 201);
});
