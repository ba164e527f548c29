import { previewRoomTexts } from '@/lib/alerts/preview';
import { json, readJson, withActor } from '@/lib/http/api';

/** The texts that opening this room would send, and to how many people: nothing is written. */
export const POST = withActor(async ({ actor, req }) => json(await previewRoomTexts(actor, await readJson(req))));
