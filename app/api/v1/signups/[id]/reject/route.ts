import { json, readJson, withActor } from '@/lib/http/api';
import { rejectSignup } from '@/lib/vetting/review-signups';

/** Moderators reject a request with a `reason` (required), which the applicant is emailed. */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) => json(await rejectSignup(actor, params.id, await readJson(req))));
