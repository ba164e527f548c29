import { quotePost } from '@/lib/forum/quote-post';
import { json, withActor } from '@/lib/http/api';

export const GET = withActor<{ id: string }>(async ({ actor, params }) => json(await quotePost(actor, params.id)));
