import { createThread } from '@/lib/forum/create-thread';
import { listThreads } from '@/lib/forum/list-threads';
import { json, readJson, withActor } from '@/lib/http/api';

type Params = { slug: string };

export const GET = withActor<Params>(async ({ actor, req, params }) => {
  const q = req.nextUrl.searchParams;
  return json(await listThreads(actor, params.slug, { cursor: q.get('cursor') ?? undefined, limit: Number(q.get('limit') ?? 30) || 30 }));
});

export const POST = withActor<Params>(async ({ actor, req, params }) => {
  const { id } = await createThread(actor, params.slug, await readJson(req));
  return json({ id }, 201);
});
