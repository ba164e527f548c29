import { staticAsset } from '@/lib/ui/static-assets';

export async function GET(req: Request, ctx: { params: Promise<{ path: string[] }> }) {
  const { path } = await ctx.params;
  const asset = staticAsset(path.join('/'));
  if (!asset) return new Response('Not found', { status: 404 });
  const headers = { 'Content-Type': asset.type, ETag: asset.etag, 'Cache-Control': 'public, max-age=86400' };
  if (req.headers.get('if-none-match') === asset.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(asset.body), { headers });
}
