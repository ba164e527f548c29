import { previewFollowUpTexts } from '@/lib/alerts/preview';
import { json, readJson, withActor } from '@/lib/http/api';

/** The follow-up text a bulletin update would send with "text everyone", and to how many people: nothing is written. */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await previewFollowUpTexts(actor, params.id, await readJson(req))),
);
