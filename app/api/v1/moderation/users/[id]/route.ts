import { json, withActor } from '@/lib/http/api';
import { getUserStanding } from '@/lib/moderation/user-standing';

type Params = { id: string };

export const GET = withActor<Params>(async ({ actor, params }) => json(await getUserStanding(actor, params.id)));
