import { json, readJson, withActor } from '@/lib/http/api';
import { listOrgStatusBoard, reportOrgStatus } from '@/lib/incidents/org-status';

export const GET = withActor<{ id: string }>(async ({ actor, params }) => json({ board: await listOrgStatusBoard(actor, params.id) }));

/** `{ "status": "investigating", "note": "Isolated two servers" }` for the actor's own organisation. */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) => json(await reportOrgStatus(actor, params.id, await readJson(req))));
