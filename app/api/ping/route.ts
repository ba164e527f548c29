export const dynamic = 'force-dynamic';

/** A trivial page for benchmarks and load balancers: no database, no session. */
export function GET() {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
