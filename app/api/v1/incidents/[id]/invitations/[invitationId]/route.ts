import { json, withActor } from '@/lib/http/api';
import { revokeInvitation } from '@/lib/incidents/invitations';

/** A lead revokes an open invitation. */
export const DELETE = withActor<{ id: string; invitationId: string }>(async ({ actor, params }) =>
  json(await revokeInvitation(actor, params.id, params.invitationId)),
);
