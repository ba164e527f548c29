import { json, withActor } from '@/lib/http/api';
import { searchOrganisations } from '@/lib/incidents/invitations';
import { listOrganisations } from '@/lib/people/organisations';

/** Every organisation, or with `?q=` those whose ODS code or name matches (for invitations). */
export const GET = withActor(async ({ actor, req }) => {
  const q = req.nextUrl.searchParams.get('q');
  if (q !== null) return json({ organisations: await searchOrganisations(actor, { q }) });
  return json({ organisations: await listOrganisations(actor) });
});
