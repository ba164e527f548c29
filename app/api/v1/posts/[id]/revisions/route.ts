import { listPostRevisions } from '@/lib/forum/edit-post';
import { json, withActor } from '@/lib/http/api';

export const GET = withActor<{ id: string }>(async ({ actor, params }) => json(await listPostRevisions(actor, params.id)));
