import { json, readJson, withActor } from '@/lib/http/api';
import { restoreRevision, revisionActionInput } from '@/lib/moderation/redact-revision';

type Params = { id: string; revision: string };

/** Moderators: a removed version of a post is readable again. The body (an optional reason) may be empty. */
export const POST = withActor<Params>(async ({ actor, req, params }) => json(await restoreRevision(actor, params.id, revisionActionInput(await readJson(req, { optional: true }), params.revision))));
