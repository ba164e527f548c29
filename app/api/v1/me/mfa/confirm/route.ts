import { confirmMfaEnrolment } from '@/lib/auth/confirm-mfa-enrolment';
import { json, readJson, withActor } from '@/lib/http/api';

/** `{ "code": "123456" }` from the new secret: turns two-step verification on; the recovery codes, once. */
export const POST = withActor(async ({ actor, req }) => json(await confirmMfaEnrolment(actor, await readJson(req))));
