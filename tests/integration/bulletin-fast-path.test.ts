import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frontDoor } from '@/lib/http/front-door';
import { BULLETIN_CSS_PATH } from '@/lib/bulletins/stylesheet';
import { publishBulletin } from '@/lib/incidents/bulletins';
import { actorFor, makeUser, openCriticalRoom, useTestDatabase } from './harness';

/**
 * The HTTP server answers public bulletin addresses itself, in front of Next, from the same cache and with
 * the same headers as the Next routes; everything else (and any other method) goes on to Next.
 */
useTestDatabase();

let server: http.Server;
let base: string;
let reference: string;
const toNext: string[] = [];

beforeAll(async () => {
  const lead = actorFor(await makeUser({ role: 'incident_lead' }));
  const people = await Promise.all([makeUser(), makeUser()]);
  const room = await openCriticalRoom(lead, people.map((p) => p.email));
  reference = room.reference;
  await publishBulletin(lead, room.id, { headline: 'Imaging restored at two sites', body: 'Attend as planned.' });
  // The HTTP server's own front door (as server.ts), with a stand-in for Next behind it.
  server = http.createServer(
    frontDoor((req, res) => {
      toNext.push(`${req.method} ${req.url}`);
      req.resume();
      res.writeHead(299).end('next');
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('the bulletin fast path', () => {
  it('serves a bulletin with its cache headers and the script-free security policy, then 304 for a matching ETag', async () => {
    const res = await fetch(`${base}/bulletins/${reference}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    const html = await res.text();
    expect(html).toContain('Imaging restored at two sites');
    expect(html).not.toMatch(/PACS|Riverside|<script/i);
    const again = await fetch(`${base}/bulletins/${reference}`, { headers: { 'if-none-match': res.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
  });

  it('serves the list, the feed and the stylesheet, and 404s an unknown reference without Next', async () => {
    expect((await fetch(`${base}/bulletins`)).status).toBe(200);
    const feed = await fetch(`${base}/bulletins/feed.xml`);
    expect(feed.headers.get('content-type')).toContain('application/atom+xml');
    expect(await feed.text()).toContain(reference);
    const css = await fetch(`${base}${BULLETIN_CSS_PATH}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${base}/bulletins/INC-2026-9999`)).status).toBe(404);
    expect((await fetch(`${base}/bulletins/%E0%A4%A`)).status).toBe(299);
  });

  it('leaves every other address and method to Next', async () => {
    toNext.length = 0;
    for (const path of ['/', '/bulletins/', '/bulletins/a/b', '/bulletinsX', '/api/v1/search?q=x']) await (await fetch(base + path)).text();
    await (await fetch(`${base}/bulletins/${reference}`, { method: 'POST', body: 'x' })).text();
    expect(toNext).toEqual(['GET /', 'GET /bulletins/', 'GET /bulletins/a/b', 'GET /bulletinsX', 'GET /api/v1/search?q=x', `POST /bulletins/${reference}`]);
  });
});
