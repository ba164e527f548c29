import { cachedPageResponse } from '@/lib/bulletins/http';
import { publicBulletinPage } from '@/lib/bulletins/public-cache';

// Public and opened from a text message: plain cached HTML, one version check per request (lib/bulletins).
export const dynamic = 'force-dynamic';

export async function GET(req: Request, ctx: { params: Promise<{ reference: string }> }) {
  const { reference } = await ctx.params;
  return cachedPageResponse(req, await publicBulletinPage(reference));
}
