import { cachedPageResponse } from '@/lib/bulletins/http';
import { publicBulletinList } from '@/lib/bulletins/public-cache';

// Public, opened in a storm: plain cached HTML (no React page, no JavaScript), one version check per request.
export const dynamic = 'force-dynamic';

export async function GET(req: Request) {
  return cachedPageResponse(req, await publicBulletinList());
}
