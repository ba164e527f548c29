import { withActor } from '@/lib/http/api';
import { exportRoom } from '@/lib/incidents/export-room';

/** `?format=html` or `?format=markdown`: a download stamped with the TLP label, the viewer and the time. */
export const GET = withActor<{ id: string }>(async ({ actor, req, params }) => {
  const file = await exportRoom(actor, params.id, { format: req.nextUrl.searchParams.get('format') ?? 'html' });
  return new Response(file.body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
    },
  });
});
