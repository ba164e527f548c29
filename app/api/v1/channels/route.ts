import { listChannels } from '@/lib/forum/channels';
import { json, withActor } from '@/lib/http/api';

export const GET = withActor(async ({ actor }) => json({ channels: await listChannels(actor) }));
