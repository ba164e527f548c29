import { cachedPageResponse } from '@/lib/bulletins/http';
import { publicBulletinFeed } from '@/lib/bulletins/public-cache';

export const dynamic = 'force-dynamic';

/** Public, no sign-in: the bulletins as an Atom feed, cached like the pages (ETag, 304). */
export async function GET(req?: Request) {
  return cachedPageResponse(req, await publicBulletinFeed());
}
