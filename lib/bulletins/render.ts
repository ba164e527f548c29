import { BULLETIN_CSS_PATH } from './stylesheet';
import { formatDateTime } from '@/lib/ui/date-time-format';
import { escapeHtml } from '@/lib/ui/escape-html';

/**
 * Plain HTML for the public bulletin pages, built as strings (no React, no client bundle): the whole page
 * stays a few kilobytes. Everything shown is TLP:CLEAR — a bulletin's own fields and the room's public ones.
 * Bodies are the sanitised HTML stored at publishing (lib/markdown); every other value is escaped here.
 */
export type Severity = 'low' | 'moderate' | 'high' | 'critical';
export type RoomStatus = 'open' | 'contained' | 'resolved' | 'closed';

export type PublicBulletinView = {
  reference: string;
  severity: Severity;
  status: RoomStatus;
  headline: string;
  updatedAt: Date;
  versions: { version: number; headline: string; bodyHtml: string; publishedAt: Date }[];
};

export type PublicBulletinSummary = { reference: string; severity: Severity; status: RoomStatus; headline: string; updatedAt: Date };

/**
 * The page stays under 30 KB (HTML and CSS) however long an incident runs: the newest updates are shown in full
 * while their bodies fit BODY_BUDGET bytes (the newest always), the next EARLIER_LISTED by headline and time.
 */
export const BODY_BUDGET = 14_000;
export const EARLIER_LISTED = 10;


const time = (d: Date) => `<time datetime="${d.toISOString()}">${escapeHtml(formatDateTime(d))}</time>`;

const SEVERITY: Record<Severity, [string, string]> = {
  low: ['Low', 'grey'],
  moderate: ['Moderate', 'yellow'],
  high: ['High', 'orange'],
  critical: ['Critical', 'red'],
};
const STATUS: Record<RoomStatus, [string, string]> = {
  open: ['Open', 'blue'],
  contained: ['Contained', 'yellow'],
  resolved: ['Resolved', 'green'],
  closed: ['Closed', 'grey'],
};
const tag = ([text, colour]: [string, string]) => `<strong class="b-tag b-${colour}">${text}</strong>`;

function layout(title: string, main: string, opts: { feed?: boolean } = {}) {
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – Watchroom</title>
<link rel="stylesheet" href="${BULLETIN_CSS_PATH}">
${opts.feed === false ? '' : '<link rel="alternate" type="application/atom+xml" href="/bulletins/feed.xml" title="Watchroom public bulletins">\n'}</head>
<body>
<a class="b-skip" href="#maincontent">Skip to main content</a>
<header class="b-header"><div class="b-wrap"><a href="/">Watchroom</a></div></header>
<div class="b-wrap">
<main id="maincontent">
<div class="b-tlp" role="note" aria-label="Traffic Light Protocol: TLP:CLEAR"><strong>TLP:CLEAR</strong> Disclosure is not limited.</div>
${main}
</main>
</div>
<footer class="b-footer"><div class="b-wrap"><a href="/bulletins">All public bulletins</a> · <a href="/bulletins/feed.xml">Atom feed</a></div></footer>
</body>
</html>
`;
}

export function renderBulletinPage(b: PublicBulletinView): string {
  let used = 0;
  let shown = 0;
  for (const v of b.versions) {
    used += Buffer.byteLength(v.bodyHtml) + Buffer.byteLength(v.headline);
    if (shown > 0 && used > BODY_BUDGET) break;
    shown += 1;
  }
  const full = b.versions.slice(0, shown);
  const older = b.versions.slice(shown, shown + EARLIER_LISTED);
  const unlisted = b.versions.length - shown - older.length;
  const ref = escapeHtml(b.reference);
  const updates = full
    .map(
      (v) => `<li class="b-item">
<h3>Update ${v.version}: ${escapeHtml(v.headline)}</h3>
<p class="b-meta">Published ${time(v.publishedAt)}</p>
${v.bodyHtml ? `<div class="b-body">${v.bodyHtml}</div>\n` : ''}</li>`,
    )
    .join('\n');
  const earlier = older.length
    ? `<h2>Earlier updates</h2>
<ul class="b-list">
${older.map((v) => `<li>Update ${v.version}: ${escapeHtml(v.headline)} <span class="b-meta">(${time(v.publishedAt)})</span></li>`).join('\n')}
</ul>
${unlisted > 0 ? `<p>${unlisted} earlier ${unlisted === 1 ? 'update is' : 'updates are'} not shown.</p>\n` : ''}`
    : '';
  return layout(
    `Public bulletin ${b.reference}`,
    `<span class="b-caption">Public bulletin <span class="b-nowrap">${ref}</span></span>
<h1>${escapeHtml(b.headline)}</h1>
<p class="b-meta">Last updated ${time(b.updatedAt)}</p>
<dl class="b-summary">
<dt>Severity</dt><dd>${tag(SEVERITY[b.severity])}</dd>
<dt>Status</dt><dd>${tag(STATUS[b.status])}</dd>
</dl>
<h2>${older.length ? 'Latest updates' : 'All updates'}, newest first</h2>
<ol class="b-list" reversed>
${updates}
</ol>
${earlier}<div class="b-inset">
<p>This bulletin is public (TLP:CLEAR). If you work for an affected organisation, follow your local incident procedures and contact your security team. Members can <a href="/sign-in">sign in to Watchroom</a> for restricted details.</p>
</div>`,
  );
}

export function renderBulletinList(items: PublicBulletinSummary[], lastUpdated: Date | null): string {
  const list = items.length
    ? `<ul class="b-list">
${items
  .map(
    (b) => `<li class="b-item">
<h2 class="b-h3"><a href="/bulletins/${encodeURIComponent(b.reference)}">${escapeHtml(b.headline)}</a></h2>
<p class="b-meta"><span class="b-nowrap">${escapeHtml(b.reference)}</span> · Severity: ${tag(SEVERITY[b.severity])} · Status: ${tag(STATUS[b.status])} · Last updated ${time(b.updatedAt)}</p>
</li>`,
  )
  .join('\n')}
</ul>`
    : '<p>There are no public bulletins.</p>';
  return layout(
    'Public bulletins',
    `<h1>Public bulletins</h1>
<p>Public updates on high and critical cyber incidents affecting health and care organisations, most recently updated first.</p>
${lastUpdated ? `<p class="b-meta">Last updated ${time(lastUpdated)}</p>\n` : ''}${list}`,
  );
}

export function renderBulletinNotFound(): string {
  return layout(
    'Bulletin not found',
    `<h1>Bulletin not found</h1>
<p>There is no public bulletin with this reference. Check the reference in your text message, or see <a href="/bulletins">all public bulletins</a>.</p>`,
  );
}
