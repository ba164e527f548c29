import { json, withActor } from '@/lib/http/api';
import { listMyInvitations } from '@/lib/incidents/invitations';

/** The signed-in person's open invitations: public fields only until they accept. */
export const GET = withActor(async ({ actor }) => json({ invitations: await listMyInvitations(actor) }));
