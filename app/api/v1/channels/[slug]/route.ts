import { updateChannel } from '@/lib/forum/manage-channels';
import { json, readJson, withActor } from '@/lib/http/api';

export const PATCH = withActor<{ slug: string }>(async ({ actor, req, params }) =>
  json(await updateChannel(actor, params.slug, await readJson(req))),
);
