import { disableMfa } from '@/lib/auth/disable-mfa';
import { getMfaStatus } from '@/lib/auth/get-mfa-status';
import { startMfaEnrolment } from '@/lib/auth/start-mfa-enrolment';
import { json, readJson, withActor } from '@/lib/http/api';

export const GET = withActor(async ({ actor }) => {
  const { enabled, enabledAt, required, pending, recoveryCodesLeft } = await getMfaStatus(actor);
  return json({ enabled, enabledAt, required, recoveryCodesLeft, pending: pending ? { secret: pending.secret, uri: pending.uri } : null });
});

/** Starts setting up an authenticator app: the secret and its otpauth:// URI. Confirm with POST /confirm. */
export const POST = withActor(async ({ actor }) => json(await startMfaEnrolment(actor), 201));

/** Turns two-step verification off: `{ "password": "…" }`. */
export const DELETE = withActor(async ({ actor, req }) => {
  await disableMfa(actor, await readJson(req));
  return json({ enabled: false });
});
