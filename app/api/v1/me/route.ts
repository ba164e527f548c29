import { getMe } from '@/lib/people/get-me';
import { json, withActor } from '@/lib/http/api';

export const GET = withActor(async ({ actor }) => json(await getMe(actor)));
