import { BULLETIN_CSS } from '@/lib/bulletins/stylesheet';

/** The bulletin pages' small stylesheet; its URL carries a hash of the content, so it is cached for a year. */
export function GET() {
  return new Response(BULLETIN_CSS, {
    headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' },
  });
}
