import { NextResponse } from 'next/server';
import { checkHealth } from '@/lib/health/check-health';

export const dynamic = 'force-dynamic';

/** For load balancers and on-call: 200 while the database answers (a stalled queue is "degraded"), 503 when not. */
export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.database === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
