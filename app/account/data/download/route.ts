import { getActor } from '@/lib/auth/request-actor';
import { exportMyData } from '@/lib/people/my-data';

export const dynamic = 'force-dynamic';

/** The signed-in person's own data as a JSON download (audited); signed out, the sign-in page. */
export async function GET() {
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 303, headers: { location: '/sign-in?callbackUrl=%2Faccount%2Fdata', 'cache-control': 'no-store' } });
  const data = await exportMyData(actor);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="watchroom-my-data-${day}.json"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
