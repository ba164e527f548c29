import { createHash } from 'node:crypto';
import { getSql } from '@/db/client';
import { bulletinAtomFeed } from '@/lib/alerts/bulletin-feed';
import { isAppError } from '@/lib/errors';
import { getPublicBulletin } from '@/lib/incidents/bulletins';
import { listPublicBulletins } from '@/lib/incidents/list-public-bulletins';
import { renderBulletinList, renderBulletinNotFound, renderBulletinPage } from './render';

/**
 * The public bulletin pages and feed, rendered once per change and served from memory.
 *
 * Each request costs one tiny query: the *public version* — the number of bulletin versions plus the id of the
 * latest room event that changes what the public sees (a bulletin, a status or severity change). Both only
 * grow, and every process reads them from the one database, so any number of web processes notice a change
 * on their next request; concurrent requests in one process share a single check. The page is rendered
 * again only when the version moved (or, as a bound on the one race a max(id) has — an earlier event
 * committing after a later one — when the copy is older than RERENDER_AFTER_MS). The ETag is a hash of the
 * bytes, so clients revalidate with If-None-Match and get 304s. While the database does not answer, the last
 * good copy is served.
 */
export type CachedPage = { status: 200 | 404; body: string; etag: string; lastModified: Date; contentType: string };

type Entry = CachedPage & { version: string; renderedAt: number };

const RERENDER_AFTER_MS = 60_000;
const MAX_ENTRIES = 1_000;

type State = {
  entries: Map<string, Entry>;
  inflightVersion?: Promise<string>;
  inflightRenders: Map<string, Promise<Entry>>;
  stats: { versionChecks: number; renders: number };
};
const holder = globalThis as { __watchroomBulletinCache?: State };
function state(): State {
  holder.__watchroomBulletinCache ??= { entries: new Map(), inflightRenders: new Map(), stats: { versionChecks: 0, renders: 0 } };
  return holder.__watchroomBulletinCache;
}

/** Test hook: how many version checks and renders (the only database work) this process did. */
export function bulletinCacheStats() {
  return { ...state().stats };
}

/** The public version: one indexed count and one backward index walk, read by every process alike. */
export function publicBulletinVersion(): Promise<string> {
  const s = state();
  if (!s.inflightVersion) {
    s.stats.versionChecks += 1;
    s.inflightVersion = getSql()<{ v: string }[]>`
      select (select count(*) from bulletins)::text || '.' || coalesce((
        select max(id) from room_events where kind in ('bulletin_published', 'status_changed', 'severity_changed')
      ), 0)::text as v`
      .then((rows) => rows[0].v)
      .finally(() => {
        s.inflightVersion = undefined;
      });
  }
  return s.inflightVersion;
}

const etagOf = (body: string) => `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;

const HTML = 'text/html; charset=utf-8';

async function cached(key: string, render: () => Promise<Omit<CachedPage, 'etag'>>): Promise<CachedPage> {
  const s = state();
  const hit = s.entries.get(key);
  let version: string;
  try {
    version = await publicBulletinVersion();
  } catch (error) {
    // The database is unreachable: the last good copy is still right to show (public, and it says when it was updated).
    if (hit) return hit;
    throw error;
  }
  if (hit && hit.version === version && Date.now() - hit.renderedAt < RERENDER_AFTER_MS) return hit;
  const flightKey = `${key}@${version}`;
  let flight = s.inflightRenders.get(flightKey);
  if (!flight) {
    s.stats.renders += 1;
    flight = render()
      .then((page) => {
        // The same bytes keep their ETag and Last-Modified across re-renders.
        const etag = etagOf(page.body);
        const entry: Entry = { ...page, etag, lastModified: hit?.etag === etag ? hit.lastModified : page.lastModified, version, renderedAt: Date.now() };
        if (s.entries.size >= MAX_ENTRIES && !s.entries.has(key)) s.entries.delete(s.entries.keys().next().value!);
        s.entries.set(key, entry);
        return entry;
      })
      .finally(() => s.inflightRenders.delete(flightKey));
    s.inflightRenders.set(flightKey, flight);
  }
  return flight;
}

const REFERENCE = /^INC-\d{4}-\d{4,}$/;

export function publicBulletinPage(reference: string): Promise<CachedPage> {
  // A malformed reference is a 404 without touching the database or the cache.
  if (!REFERENCE.test(reference)) {
    const body = renderBulletinNotFound();
    return Promise.resolve({ status: 404, body, etag: etagOf(body), lastModified: new Date(0), contentType: HTML });
  }
  return cached(`page:${reference}`, async () => {
    try {
      const b = await getPublicBulletin(reference);
      return { status: 200, body: renderBulletinPage(b), lastModified: b.updatedAt, contentType: HTML };
    } catch (error) {
      if (isAppError(error) && error.code === 'not_found') {
        return { status: 404, body: renderBulletinNotFound(), lastModified: new Date(0), contentType: HTML };
      }
      throw error;
    }
  });
}

export function publicBulletinList(): Promise<CachedPage> {
  return cached('list', async () => {
    const items = await listPublicBulletins(100);
    const last = items.reduce<Date | null>((m, b) => (m && m > b.updatedAt ? m : b.updatedAt), null);
    return { status: 200, body: renderBulletinList(items, last), lastModified: last ?? new Date(0), contentType: HTML };
  });
}

export function publicBulletinFeed(): Promise<CachedPage> {
  return cached('feed', async () => {
    const body = await bulletinAtomFeed();
    const updated = body.match(/<updated>([^<]+)<\/updated>/)?.[1];
    return { status: 200, body, lastModified: updated ? new Date(updated) : new Date(0), contentType: 'application/atom+xml; charset=utf-8' };
  });
}
