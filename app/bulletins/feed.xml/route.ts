import { bulletinAtomFeed } from '@/lib/alerts/bulletin-feed';

export const dynamic = 'force-dynamic';

/** Public, no sign-in: the bulletins as an Atom feed. */
export async function GET() {
  return new Response(await bulletinAtomFeed(), {
    headers: { 'content-type': 'application/atom+xml; charset=utf-8', 'cache-control': 'public, max-age=60' },
  });
}
