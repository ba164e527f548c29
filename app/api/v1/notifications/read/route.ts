import { markNotificationsRead } from '@/lib/forum/notifications';
import { json, readJson, withActor } from '@/lib/http/api';

export const POST = withActor(async ({ actor, req }) => json(await markNotificationsRead(actor, await readJson(req))));
