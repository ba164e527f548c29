import { json, withActor } from '@/lib/http/api';
import { listOrganisations } from '@/lib/people/organisations';

export const GET = withActor(async ({ actor }) => json({ organisations: await listOrganisations(actor) }));
