import { getChannelBySlug } from '@/lib/forum/channels';
import { setWatch } from '@/lib/forum/watches';
import { json, readJson, withActor } from '@/lib/http/api';

export const PUT = withActor<{ slug: string }>(async ({ actor, req, params }) => {
  const channel = await getChannelBySlug(actor, params.slug);
  return json(await setWatch(actor, { type: 'channel', id: channel.id }, await readJson(req)));
});
