import { config } from '@/lib/config';
import { listPublicBulletins } from '@/lib/incidents/list-public-bulletins';

const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/**
 * An Atom feed of the public bulletins: one entry per incident, its latest (TLP:CLEAR) version. Only the
 * fields the public list shows: reference, severity, status, headline, time.
 */
export async function bulletinAtomFeed(): Promise<string> {
  const base = config().publicUrl;
  const items = await listPublicBulletins(100);
  const updated = (items[0]?.updatedAt ?? new Date(0)).toISOString();
  const entries = items.map((b) => {
    const url = `${base}/bulletins/${encodeURIComponent(b.reference)}`;
    return `  <entry>
    <id>${escapeXml(url)}</id>
    <title>${escapeXml(`${b.reference} (${b.severity}, ${b.status}): ${b.headline}`)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(url)}"/>
    <updated>${b.updatedAt.toISOString()}</updated>
    <summary>${escapeXml(b.headline)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${escapeXml(`${base}/bulletins`)}</id>
  <title>Watchroom public bulletins</title>
  <subtitle>TLP:CLEAR bulletins on cyber incidents affecting NHS organisations</subtitle>
  <link rel="self" type="application/atom+xml" href="${escapeXml(`${base}/bulletins/feed.xml`)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(`${base}/bulletins`)}"/>
  <updated>${updated}</updated>
  <author><name>Watchroom</name></author>
${entries.join('\n')}
</feed>
`;
}
