import { json, readJson, withActor } from '@/lib/http/api';
import { createRoom } from '@/lib/incidents/create-room';
import { listRooms } from '@/lib/incidents/list-rooms';

/** `?view=archived` lists the actor's archived rooms; the default is the active ones. */
export const GET = withActor(async ({ actor, req }) =>
  json({ incidents: await listRooms(actor, { view: req.nextUrl.searchParams.get('view') ?? undefined }) }),
);

export const POST = withActor(async ({ actor, req }) => {
  const { id, reference } = await createRoom(actor, await readJson(req));
  return json({ id, reference }, 201);
});
