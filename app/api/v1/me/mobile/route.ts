import { getMobileStatus } from '@/lib/alerts/mobile-verification-status';
import { removeMobile } from '@/lib/alerts/mobile-verification-remove';
import { startMobileVerification } from '@/lib/alerts/mobile-verification-start';
import { json, readJson, withActor } from '@/lib/http/api';

export const GET = withActor(async ({ actor }) => json(await getMobileStatus(actor)));

/** Sets a new (unverified) mobile and texts it a 6-digit code. */
export const PUT = withActor(async ({ actor, req }) => json(await startMobileVerification(actor, await readJson(req)), 202));

export const DELETE = withActor(async ({ actor }) => json(await removeMobile(actor)));
