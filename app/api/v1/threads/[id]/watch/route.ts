import { setWatch } from '@/lib/forum/watches';
import { json, readJson, withActor } from '@/lib/http/api';
import { NotFound } from '@/lib/errors';
import { uuidParam } from '@/lib/validation';

export const PUT = withActor<{ id: string }>(async ({ actor, req, params }) => {
  if (!uuidParam.safeParse(params.id).success) throw NotFound();
  return json(await setWatch(actor, { type: 'thread', id: params.id }, await readJson(req)));
});
