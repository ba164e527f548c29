import { json, readJson, withActor } from '@/lib/http/api';
import { publishBulletin } from '@/lib/incidents/bulletins';

export const POST = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await publishBulletin(actor, params.id, await readJson(req)), 201),
);
