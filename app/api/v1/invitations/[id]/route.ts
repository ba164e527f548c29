import { json, readJson, withActor } from '@/lib/http/api';
import { respondToInvitation } from '@/lib/incidents/invitations';

/** `{ "response": "accept" }` or `{ "response": "decline" }` */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await respondToInvitation(actor, params.id, await readJson(req))),
);
