import { listNotifications } from '@/lib/forum/notifications';
import { json, withActor } from '@/lib/http/api';

export const GET = withActor(async ({ actor, req }) =>
  json(
    await listNotifications(actor, {
      before: req.nextUrl.searchParams.get('before') ?? undefined,
      limit: Number(req.nextUrl.searchParams.get('limit')) || undefined,
    }),
  ),
);
