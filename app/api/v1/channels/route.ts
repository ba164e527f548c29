import { listChannels } from '@/lib/forum/channels';
import { createChannel } from '@/lib/forum/manage-channels';
import { json, readJson, withActor } from '@/lib/http/api';

export const GET = withActor(async ({ actor }) => json({ channels: await listChannels(actor) }));

export const POST = withActor(async ({ actor, req }) => json(await createChannel(actor, await readJson(req)), 201));
