import { json, readJson, withActor } from '@/lib/http/api';
import { resolveReports } from '@/lib/moderation/resolve-reports';

type Params = { postId: string };

export const POST = withActor<Params>(async ({ actor, req, params }) => json(await resolveReports(actor, params.postId, await readJson(req))));
