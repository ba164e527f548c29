import { confirmMobileVerification } from '@/lib/alerts/mobile-verification-confirm';
import { json, readJson, withActor } from '@/lib/http/api';

export const POST = withActor(async ({ actor, req }) => json(await confirmMobileVerification(actor, await readJson(req))));
