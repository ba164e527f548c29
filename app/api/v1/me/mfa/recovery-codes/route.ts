import { regenerateRecoveryCodes } from '@/lib/auth/regenerate-recovery-codes';
import { json, readJson, withActor } from '@/lib/http/api';

/** `{ "password": "…" }`: ten new recovery codes (the old ones stop working), shown once. */
export const POST = withActor(async ({ actor, req }) => json(await regenerateRecoveryCodes(actor, await readJson(req))));
