import { createPost } from '@/lib/forum/create-post';
import { json, readJson, withActor } from '@/lib/http/api';

export const POST = withActor<{ id: string }>(async ({ actor, req, params }) =>
  json(await createPost(actor, params.id, await readJson(req)), 201),
);
