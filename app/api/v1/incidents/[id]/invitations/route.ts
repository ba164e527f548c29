import { json, readJson, withActor } from '@/lib/http/api';
import { inviteToRoom, listRoomInvitations } from '@/lib/incidents/invitations';

export const GET = withActor<{ id: string }>(async ({ actor, params }) => json({ invitations: await listRoomInvitations(actor, params.id) }));

/** `{ "users": ["a@nhs.net"], "organisations": ["RR8"], "expiresInDays": 7 }` */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await inviteToRoom(actor, params.id, await readJson(req)), 201),
);
