export const dynamic = 'force-dynamic';

import { NextResponse } from 'next/server';
import { config } from '@/lib/config';
import { openApiDocument } from '@/lib/openapi';

export async function GET() {
  return NextResponse.json(openApiDocument(config().publicUrl), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
