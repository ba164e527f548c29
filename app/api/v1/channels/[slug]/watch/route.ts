import { getChannelBySlug } from '@/lib/forum/channels';
import { readWatch, setWatch } from '@/lib/forum/watches';
import { json, readJson, withActor } from '@/lib/http/api';

/** Your watch level of the channel: `{ level }`, `normal` when you have not chosen one. */
export const GET = withActor<{ slug: string }>(async ({ actor, params }) => {
  const channel = await getChannelBySlug(actor, params.slug);
  return json(await readWatch(actor, { type: 'channel', id: channel.id }));
});

export const PUT = withActor<{ slug: string }>(async ({ actor, req, params }) => {
  const channel = await getChannelBySlug(actor, params.slug);
  return json(await setWatch(actor, { type: 'channel', id: channel.id }, await readJson(req)));
});
