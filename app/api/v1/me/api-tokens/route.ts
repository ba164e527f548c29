import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { listApiTokens } from '@/lib/api-tokens/list-api-tokens';
import { json, readJson, withActor } from '@/lib/http/api';

export const GET = withActor(async ({ actor }) => json(await listApiTokens(actor)));

export const POST = withActor(async ({ actor, req }) => json(await createApiToken(actor, await readJson(req)), 201));
