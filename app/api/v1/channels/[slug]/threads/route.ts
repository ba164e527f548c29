import { createThread } from '@/lib/forum/create-thread';
import { listThreads } from '@/lib/forum/list-threads';
import { json, readJson, withActor } from '@/lib/http/api';

type Params = { slug: string };

export const GET = withActor<Params>(async ({ actor, params }) => json(await listThreads(actor, params.slug)));

export const POST = withActor<Params>(async ({ actor, req, params }) => {
  const { id } = await createThread(actor, params.slug, await readJson(req));
  return json({ id }, 201);
});
