import { json, readJson, withActor } from '@/lib/http/api';
import { changeMemberRole, removeMember } from '@/lib/incidents/room-membership';

/** `{ "role": "observer" }` */
export const PATCH = withActor<{ id: string; userId: string }>(async ({ actor, req, params }) =>
  json(await changeMemberRole(actor, params.id, params.userId, await readJson(req))),
);

export const DELETE = withActor<{ id: string; userId: string }>(async ({ actor, params }) =>
  json(await removeMember(actor, params.id, params.userId)),
);
