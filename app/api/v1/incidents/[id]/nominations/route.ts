import { json, readJson, withActor } from '@/lib/http/api';
import { nominateColleague } from '@/lib/incidents/invitations';

/** `{ "email": "colleague@nhs.net", "reason": "Runs our backup estate" }` */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await nominateColleague(actor, params.id, await readJson(req)), 201),
);
