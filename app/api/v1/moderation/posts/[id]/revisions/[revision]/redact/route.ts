import { json, readJson, withActor } from '@/lib/http/api';
import { redactRevision, revisionActionInput } from '@/lib/moderation/redact-revision';

type Params = { id: string; revision: string };

/** Moderators: an earlier version of a post reads "Removed by a moderator" for everyone but staff. */
export const POST = withActor<Params>(async ({ actor, req, params }) => json(await redactRevision(actor, params.id, revisionActionInput(await readJson(req), params.revision))));
