import { json, withActor } from '@/lib/http/api';
import { search } from '@/lib/search';

export const GET = withActor(async ({ actor, req }) => json(await search(actor, Object.fromEntries(req.nextUrl.searchParams))));
