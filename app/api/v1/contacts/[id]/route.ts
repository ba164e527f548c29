import { removeOrganisationContact } from '@/lib/alerts/contacts';
import { withActor } from '@/lib/http/api';

export const DELETE = withActor<{ id: string }>(async ({ actor, params }) => {
  await removeOrganisationContact(actor, params.id);
  return new Response(null, { status: 204 });
});
