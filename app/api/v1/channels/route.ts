import { z } from 'zod';
import { listChannels } from '@/lib/forum/channels';
import { createChannel, listAllChannels } from '@/lib/forum/manage-channels';
import { json, readJson, withActor } from '@/lib/http/api';
import { parseInput } from '@/lib/validation';

const listChannelsQuery = z.object({
  archived: z.enum(['exclude', 'include'], { message: 'archived must be include or exclude' }).default('exclude'),
});

/**
 * The public channels. `?archived=include` (moderators and admins; anyone else gets 403) lists archived ones
 * too, each with `archived: true|false`, as the admin page does.
 */
export const GET = withActor(async ({ actor, req }) => {
  const { archived } = parseInput(listChannelsQuery, Object.fromEntries(req.nextUrl.searchParams));
  if (archived === 'exclude') return json({ channels: await listChannels(actor) });
  const channels = await listAllChannels(actor);
  return json({
    channels: channels.map((c) => ({ id: c.id, slug: c.slug, name: c.name, description: c.description, archived: c.archivedAt !== null })),
  });
});

export const POST = withActor(async ({ actor, req }) => json(await createChannel(actor, await readJson(req)), 201));
