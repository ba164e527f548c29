import { z } from 'zod';
import { eq } from 'drizzle-orm';
import { getDb, schema } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { recordAudit } from '@/lib/audit';
import { Conflict, Forbidden } from '@/lib/errors';
import { parseInput } from '@/lib/validation';
import { getRoom } from './get-room';
import { listRoomEvents } from './room-events';

export const exportInput = z.object({ format: z.enum(['html', 'markdown'], { message: 'Choose html or markdown' }) });

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const cssString = (s: string) => `"${s.replace(/["\\\n\r]/g, ' ')}"`;
const when = (d: Date) => d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

/**
 * A lead's export of the transcript: self-contained HTML or Markdown, stamped with the TLP label, the
 * viewer's name and the time on every page. Audited. TLP:RED rooms cannot be exported.
 */
export async function exportRoom(actor: Actor, roomId: string, raw: unknown, now = new Date()) {
  const room = await getRoom(actor, roomId);
  const { format } = parseInput(exportInput, raw);
  if (!room.canManage) throw Forbidden('Only the room’s leads can export it.');
  if (room.tlp === 'RED') throw Conflict('TLP:RED rooms cannot be exported.');
  const events = await listRoomEvents(actor, roomId);
  const markdownBodies = new Map(
    (
      await getDb()
        .select({ id: schema.roomPosts.id, body: schema.roomPosts.bodyMarkdown })
        .from(schema.roomPosts)
        .where(eq(schema.roomPosts.roomId, room.id))
    ).map((r) => [r.id, r.body]),
  );
  await recordAudit(getDb(), {
    actorId: actor.id,
    action: 'room.export',
    subjectType: 'incident_room',
    subjectId: room.id,
    ip: actor.ip,
    detail: { format, posts: room.posts.length },
  });
  const stamp = `TLP:${room.tlp} · ${room.reference} · exported for ${actor.name} · ${when(now)}`;
  const filename = `${room.reference}-transcript.${format === 'html' ? 'html' : 'md'}`;
  if (format === 'markdown') {
    const lines = [
      `> **${stamp}**`,
      '',
      `# ${room.reference}: ${room.title}`,
      '',
      `- Severity: ${room.severity}`,
      `- Status: ${room.status}`,
      `- TLP ceiling: TLP:${room.tlp}`,
      `- Opened: ${when(room.createdAt)}`,
      '',
      '## Restricted summary',
      '',
      room.summary,
      '',
      '## Public headline',
      '',
      room.publicHeadline,
      '',
      '## Discussion',
      '',
      ...room.posts.flatMap((p) => [
        `### TLP:${p.tlp} · ${p.kind === 'status_update' ? 'Status update · ' : ''}${p.anonymous ? `Posted anonymously by ${p.authorName}` : p.authorName} · ${when(p.createdAt)}`,
        '',
        markdownBodies.get(p.id) ?? '',
        '',
        `> ${stamp}`,
        '',
      ]),
      '## Timeline',
      '',
      ...events.map((e) => `- ${when(e.createdAt)}: ${e.kind.replace(/_/g, ' ')}${e.actorName ? ` by ${e.actorName}` : ''}${e.subjectName ?? e.organisationName ? ` (${e.subjectName ?? e.organisationName})` : ''}`),
      '',
      `> **${stamp}**`,
      '',
    ];
    return { filename, contentType: 'text/markdown; charset=utf-8', body: lines.join('\n') };
  }
  const html = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>${esc(room.reference)} transcript (TLP:${esc(room.tlp)})</title>
<style>
  body { font-family: Arial, sans-serif; color: #212b32; margin: 0 auto; max-width: 960px; padding: 56px 24px; line-height: 1.5; }
  .stamp { position: fixed; left: 0; right: 0; background: #000; color: #ffc000; font-weight: bold; padding: 6px 24px; font-size: 14px; }
  .stamp--top { top: 0; } .stamp--bottom { bottom: 0; }
  .post { border-left: 4px solid #d8dde0; padding: 4px 0 4px 16px; margin-bottom: 24px; break-inside: avoid; }
  .meta { color: #4c6272; font-size: 14px; }
  .tlp { background: #000; color: #ffc000; padding: 0 6px; font-weight: bold; }
  pre { white-space: pre-wrap; }
  @page { margin: 20mm 15mm; @top-center { content: ${cssString(stamp)}; } @bottom-center { content: ${cssString(stamp)}; } }
  @media print { body { padding: 0; } .stamp { position: fixed; } }
</style>
</head>
<body>
<div class="stamp stamp--top" role="note">${esc(stamp)}</div>
<h1>${esc(room.reference)}: ${esc(room.title)}</h1>
<p>Severity: ${esc(room.severity)} · Status: ${esc(room.status)} · TLP ceiling: <span class="tlp">TLP:${esc(room.tlp)}</span> · Opened ${esc(when(room.createdAt))}</p>
<h2>Restricted summary</h2>
<p>${esc(room.summary).replace(/\n/g, '<br>')}</p>
<h2>Public headline</h2>
<p>${esc(room.publicHeadline)}</p>
<h2>Discussion</h2>
${room.posts
  .map(
    (p) => `<article class="post"><p class="meta"><span class="tlp">TLP:${esc(p.tlp)}</span> ${p.kind === 'status_update' ? '<strong>Status update</strong> · ' : ''}${esc(p.anonymous ? `Posted anonymously by ${p.authorName}` : p.authorName)} · ${esc(when(p.createdAt))}</p>
<div>${p.bodyHtml}</div></article>`,
  )
  .join('\n')}
<h2>Timeline</h2>
<ul>
${events.map((e) => `<li>${esc(when(e.createdAt))}: ${esc(e.kind.replace(/_/g, ' '))}${e.actorName ? ` by ${esc(e.actorName)}` : ''}${e.subjectName ?? e.organisationName ? ` (${esc((e.subjectName ?? e.organisationName)!)})` : ''}</li>`).join('\n')}
</ul>
<div class="stamp stamp--bottom" role="note">${esc(stamp)}</div>
</body>
</html>
`;
  return { filename, contentType: 'text/html; charset=utf-8', body: html };
}
