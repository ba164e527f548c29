import { openShortLink } from '@/lib/alerts/short-link';
import { config } from '@/lib/config';

export const dynamic = 'force-dynamic';

/** A signpost's personal link: note the open, then the public bulletin (no sign-in, no JavaScript). */
export async function GET(_req: Request, ctx: { params: Promise<{ token: string }> }) {
  const { token } = await ctx.params;
  const found = await openShortLink(token);
  const target = found ? `/bulletins/${encodeURIComponent(found.reference)}` : '/bulletins';
  return new Response(null, { status: 303, headers: { location: `${config().publicUrl}${target}`, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
}
