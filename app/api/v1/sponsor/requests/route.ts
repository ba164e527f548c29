import { json, withActor } from '@/lib/http/api';
import { listSponsorRequests } from '@/lib/vetting/sponsor-requests';

/** Sign-up requests that name you as sponsor and wait for your answer. */
export const GET = withActor(async ({ actor }) => json({ requests: await listSponsorRequests(actor) }));
