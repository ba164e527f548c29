import { deletePost, editPost } from '@/lib/forum/edit-post';
import { json, readJson, withActor } from '@/lib/http/api';

type Params = { id: string };

export const PATCH = withActor<Params>(async ({ actor, req, params }) => json(await editPost(actor, params.id, await readJson(req))));

export const DELETE = withActor<Params>(async ({ actor, params }) => json(await deletePost(actor, params.id)));
