import { markThreadRead } from '@/lib/forum/read-state';
import { json, withActor } from '@/lib/http/api';

export const POST = withActor<{ id: string }>(async ({ actor, params }) => json(await markThreadRead(actor, params.id)));
