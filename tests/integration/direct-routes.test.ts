import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor';
import { createThread } from '@/lib/forum/create-thread';
import { getThread } from '@/lib/forum/get-thread';
import { loadDirectRoutes, MAX_DIRECT_BODY_BYTES } from '@/lib/http/direct-routes';
import { frontDoor } from '@/lib/http/front-door';
import { ORIGIN, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, makeChannel, makeUser, rowCounts, useTestDatabase } from './harness';

/**
 * The HTTP server answers the hottest API routes itself, calling the same route handlers Next would: the
 * same checks and answers, the same security headers, a bounded body; anything else goes on to Next.
 */
useTestDatabase();

let server: http.Server;
let base: string;
let session: SignedIn;
let author: Actor;
let threadId: string;
const toNext: string[] = [];

beforeAll(async () => {
  await loadDirectRoutes();
  const channel = await makeChannel();
  const user = await makeUser({ name: 'Rita Replier' });
  session = await signedIn(user);
  author = actorFor(user);
  threadId = (await createThread(author, channel.slug, { title: 'Direct', body: 'Opening post' })).id;
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

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(`${base}/api/v1/threads/${threadId}/posts`, {
    method: 'POST',
    headers: { cookie: session.cookie, origin: ORIGIN, 'x-csrf-token': session.csrf, 'content-type': 'application/json', ...headers },
    body,
  });
}

describe('direct API routes', () => {
  it('posts a reply through the route handler: 201, the post is there, with the API security headers', async () => {
    const res = await post(JSON.stringify({ body: 'Reply *via* the direct route' }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const thread = await getThread(author, threadId);
    expect(thread.posts.find((p) => p.id === id)?.bodyHtml).toContain('<em>via</em>');
  });

  it('keeps every check of the handler: no session 401, no CSRF token or another origin 403, bad JSON 400, unknown thread 404, all writing nothing', async () => {
    const before = await rowCounts();
    expect((await post(JSON.stringify({ body: 'x' }), { cookie: '' })).status).toBe(401);
    expect((await post(JSON.stringify({ body: 'x' }), { 'x-csrf-token': '' })).status).toBe(403);
    expect((await post(JSON.stringify({ body: 'x' }), { origin: 'https://evil.example' })).status).toBe(403);
    const bad = await post('{"body": ');
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'invalid' } });
    expect((await post(JSON.stringify({ body: '   ' }))).status).toBe(400);
    const unknown = await fetch(`${base}/api/v1/threads/00000000-0000-4000-8000-000000000000/posts`, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: ORIGIN, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: JSON.stringify({ body: 'x' }),
    });
    expect(unknown.status).toBe(404);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a body over the limit with 413, by its Content-Length or as it streams in, writing nothing', async () => {
    const before = await rowCounts();
    const huge = JSON.stringify({ body: 'x'.repeat(MAX_DIRECT_BODY_BYTES) });
    const declared = await post(huge);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'invalid' } });
    // Chunked, with no Content-Length: counted as it arrives.
    const chunks = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 9; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(128 * 1024)));
        controller.close();
      },
    });
    const streamed = await fetch(`${base}/api/v1/threads/${threadId}/posts`, {
      method: 'POST',
      headers: { cookie: session.cookie, origin: ORIGIN, 'x-csrf-token': session.csrf, 'content-type': 'application/json' },
      body: chunks,
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(await rowCounts()).toEqual(before);
  });

  it('serves a thread to a reader who may read it, and 401 to no one', async () => {
    const res = await fetch(`${base}/api/v1/threads/${threadId}`, { headers: { cookie: session.cookie } });
    expect(res.status).toBe(200);
    const thread = (await res.json()) as { title: string; posts: unknown[] };
    expect(thread.title).toBe('Direct');
    expect(thread.posts.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/api/v1/threads/${threadId}`)).status).toBe(401);
  });

  it('leaves every other method, route and malformed address to Next', async () => {
    toNext.length = 0;
    const paths = [
      ['PATCH', `/api/v1/threads/${threadId}`],
      ['GET', `/api/v1/threads/${threadId}/posts`],
      ['POST', `/api/v1/threads/${threadId}/posts/`],
      ['GET', '/api/v1/threads/%E0%A4%A'],
      ['GET', `/threads/${threadId}`],
    ];
    for (const [method, path] of paths) expect((await fetch(`${base}${path}`, { method })).status).toBe(299);
    expect(toNext).toEqual(paths.map(([method, path]) => `${method} ${path}`));
  });
});
