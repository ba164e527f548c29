import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { GET as bulletinPage } from '@/app/bulletins/[reference]/route';
import { GET as bulletinList } from '@/app/bulletins/route';
import { GET as bulletinFeed } from '@/app/bulletins/feed.xml/route';
import { GET as bulletinCss } from '@/app/bulletins/style.css/route';
import { closeDb } from '@/db/client';
import type { Actor } from '@/lib/auth/actor';
import { config, setRuntimeEnv } from '@/lib/config';
import { bulletinCacheStats } from '@/lib/bulletins/public-cache';
import { BULLETIN_CSS, BULLETIN_CSS_PATH } from '@/lib/bulletins/stylesheet';
import { publishBulletin } from '@/lib/incidents/bulletins';
import { changeRoomStatus } from '@/lib/incidents/room-lifecycle';
import { actorFor, db, makeUser, schema, useTestDatabase, openCriticalRoom } from './harness';

/**
 * The public bulletin pages in a click storm: served from memory after one small version query, with
 * Cache-Control, ETag and 304, correct as soon as a new version is published (by any process: publishing only
 * writes rows, the cache notices through the database), and within 30 KB including the stylesheet.
 */
useTestDatabase();

let lead: Actor;
let room: { id: string; reference: string };

const page = (reference: string, headers: Record<string, string> = {}) =>
  bulletinPage(new Request(`http://localhost:3000/bulletins/${reference}`, { headers }), { params: Promise.resolve({ reference }) });

beforeAll(async () => {
  lead = actorFor(await makeUser({ role: 'incident_lead' }));
  const people = await Promise.all([makeUser(), makeUser()]);
  room = await openCriticalRoom(lead, people.map((p) => p.email));
});

describe('a public bulletin page', () => {
  it('is cacheable plain HTML with an ETag, says when it was last updated, and shows nothing restricted', async () => {
    const res = await page(room.reference);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=(\d+), stale-while-revalidate=\d+/);
    expect(Number(res.headers.get('cache-control')!.match(/max-age=(\d+)/)![1])).toBeLessThanOrEqual(60);
    expect(res.headers.get('etag')).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    expect(res.headers.get('last-modified')).toMatch(/GMT$/);
    const html = await res.text();
    expect(html).toContain('<h1>Cyber incident affecting imaging services</h1>');
    expect(html).toMatch(/Last updated <time datetime="[^"]+">/);
    expect(html).toContain('TLP:CLEAR');
    expect(html).not.toMatch(/PACS|Riverside|vendor VPN|AMBER/);
    expect(html).not.toMatch(/<script/i);
  });

  it('answers 304 with no body to a matching If-None-Match (weak or strong, in a list) and 200 otherwise', async () => {
    const first = await page(room.reference);
    const etag = first.headers.get('etag')!;
    for (const inm of [etag, etag.replace(/^W\//, ''), `"other", ${etag}`, '*']) {
      const res = await page(room.reference, { 'if-none-match': inm });
      expect(res.status).toBe(304);
      expect(await res.text()).toBe('');
      expect(res.headers.get('etag')).toBe(etag);
      expect(res.headers.get('cache-control')).toMatch(/^public/);
    }
    const stale = await page(room.reference, { 'if-none-match': 'W/"something-else"' });
    expect(stale.status).toBe(200);
    expect(await stale.text()).toContain('Cyber incident affecting imaging services');
  });

  it('does no database work per request beyond the one version check, until something public changes', async () => {
    await page(room.reference);
    await bulletinList(new Request('http://localhost:3000/bulletins'));
    await bulletinFeed(new Request('http://localhost:3000/bulletins/feed.xml'));
    const before = bulletinCacheStats();
    const storm = await Promise.all(Array.from({ length: 50 }, () => page(room.reference)));
    for (let i = 0; i < 10; i++) {
      await page(room.reference);
      await bulletinList(new Request('http://localhost:3000/bulletins'));
      await bulletinFeed(new Request('http://localhost:3000/bulletins/feed.xml'));
    }
    const after = bulletinCacheStats();
    expect(storm.every((r) => r.status === 200)).toBe(true);
    expect(after.renders - before.renders).toBe(0);
    // 30 sequential requests: one check each; the 50 concurrent ones share checks in flight.
    expect(after.versionChecks - before.versionChecks).toBeGreaterThanOrEqual(30);
    expect(after.versionChecks - before.versionChecks).toBeLessThanOrEqual(80);
  });

  it('shows a new version at once after it is published: new ETag, the old one no longer 304s; list and feed too', async () => {
    const old = await page(room.reference);
    const oldEtag = old.headers.get('etag')!;
    const oldList = (await bulletinList(new Request('http://localhost:3000/bulletins'))).headers.get('etag')!;
    const oldFeed = (await bulletinFeed(new Request('http://localhost:3000/bulletins/feed.xml'))).headers.get('etag')!;
    const rendersBefore = bulletinCacheStats().renders;

    await publishBulletin(lead, room.id, { headline: 'Imaging services restored at two sites', body: 'Patients should attend as planned.' });

    const res = await page(room.reference, { 'if-none-match': oldEtag });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).not.toBe(oldEtag);
    const html = await res.text();
    expect(html).toContain('<h1>Imaging services restored at two sites</h1>');
    expect(html).toContain('Update 2: Imaging services restored at two sites');
    expect(html).toContain('Update 1: Cyber incident affecting imaging services');
    const list = await bulletinList(new Request('http://localhost:3000/bulletins', { headers: { 'if-none-match': oldList } }));
    expect(list.status).toBe(200);
    expect(await list.text()).toContain('Imaging services restored at two sites');
    const feed = await bulletinFeed(new Request('http://localhost:3000/bulletins/feed.xml', { headers: { 'if-none-match': oldFeed } }));
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('Imaging services restored at two sites');
    expect(bulletinCacheStats().renders - rendersBefore).toBe(3);

    // A status change is public too (shown as a tag), so it also moves the version.
    await changeRoomStatus(lead, room.id, { status: 'contained' });
    expect(await (await page(room.reference)).text()).toMatch(/<dt>Status<\/dt><dd><strong class="b-tag b-yellow">Contained<\/strong>/);
  });

  it('an unknown or malformed reference is a 404 page, cached briefly, without a database lookup for a malformed one', async () => {
    const missing = await page('INC-2026-9999');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Bulletin not found');
    const checks = bulletinCacheStats().versionChecks;
    const bad = await page('..%2Fadmin');
    expect(bad.status).toBe(404);
    expect(bulletinCacheStats().versionChecks).toBe(checks);
  });

  it('keeps serving the last good copy while the database is unreachable', async () => {
    const good = await page(room.reference);
    const html = await good.text();
    const saved = config().DATABASE_URL!;
    await closeDb();
    const { serverUrl } = inject('testPostgres');
    setRuntimeEnv({ DATABASE_URL: `${serverUrl.replace(/:\d+$/, ':1')}/none` });
    try {
      const res = await page(room.reference);
      expect(res.status).toBe(200);
      expect(await res.text()).toBe(html);
      // A page never rendered has no copy to fall back on.
      await expect(page('INC-2026-8888')).rejects.toThrow();
    } finally {
      await closeDb();
      setRuntimeEnv({ DATABASE_URL: saved });
    }
    expect((await page(room.reference)).status).toBe(200);
  });

  it('weighs at most 30 KB with its stylesheet, for a typical bulletin and for a very long incident', async () => {
    const css = await bulletinCss();
    expect(css.headers.get('cache-control')).toContain('immutable');
    const cssBytes = Buffer.byteLength(await css.text());
    expect(cssBytes).toBe(Buffer.byteLength(BULLETIN_CSS));
    const budget = 30 * 1024;

    const typical = await page(room.reference);
    const typicalHtml = await typical.text();
    expect(typicalHtml).toContain(`href="${BULLETIN_CSS_PATH}"`);
    expect(Buffer.byteLength(typicalHtml) + cssBytes).toBeLessThanOrEqual(budget);

    // Thirty updates, each with the longest headline and body allowed.
    const prose = 'Services are being restored in priority order and staff should follow local business continuity plans. ';
    for (let i = 0; i < 30; i++) {
      await publishBulletin(lead, room.id, { headline: `Update ${i} `.padEnd(200, 'x'), body: prose.repeat(100).slice(0, 10_000) });
    }
    const long = await page(room.reference);
    const longHtml = await long.text();
    expect(longHtml).toContain('earlier updates are not shown');
    expect(Buffer.byteLength(longHtml) + cssBytes).toBeLessThanOrEqual(budget);
    expect(await db().$count(schema.bulletins, eq(schema.bulletins.roomId, room.id))).toBe(32);
  });
});
