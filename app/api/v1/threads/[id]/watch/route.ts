import { readWatch, setWatch } from '@/lib/forum/watches';
import { json, readJson, withActor } from '@/lib/http/api';
import { NotFound } from '@/lib/errors';
import { uuidParam } from '@/lib/validation';

/** Your watch level of the thread: `{ level }`, `normal` when you have not chosen one. */
export const GET = withActor<{ id: string }>(async ({ actor, params }) => {
  if (!uuidParam.safeParse(params.id).success) throw NotFound();
  return json(await readWatch(actor, { type: 'thread', id: params.id }));
});

export const PUT = withActor<{ id: string }>(async ({ actor, req, params }) => {
  if (!uuidParam.safeParse(params.id).success) throw NotFound();
  return json(await setWatch(actor, { type: 'thread', id: params.id }, await readJson(req)));
});
