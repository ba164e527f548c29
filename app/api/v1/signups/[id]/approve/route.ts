import { json, readJson, withActor } from '@/lib/http/api';
import { approveSignup } from '@/lib/vetting/review-signups';

/** Moderators approve a request (body optional: `{ note }`): the member account is created and the applicant emailed. */
export const POST = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await approveSignup(actor, params.id, (await readJson(req, { optional: true })) ?? {})),
);
