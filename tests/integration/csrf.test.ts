import { beforeAll, describe, expect, it } from 'vitest';
import { apiRequest, apiV1Routes, call, routePath, signedIn, WRITE_METHODS, type ApiRoute, type SignedIn } from './api-fuzz-session';
import { makeChannel, makeUser, randomId, rowCounts, useTestDatabase } from './harness';

useTestDatabase();

let routes: ApiRoute[];
let alice: SignedIn;
let aliceElsewhere: SignedIn;
let bob: SignedIn;
let threadId: string;
const publicWrites: string[] = [];

beforeAll(async () => {
  routes = await apiV1Routes();
  const user = await makeUser({ role: 'admin' });
  alice = await signedIn(user);
  aliceElsewhere = await signedIn(user);
  bob = await signedIn(await makeUser());
  const channel = await makeChannel();
  const { createThread } = await import('@/lib/forum/create-thread');
  const { actorFor } = await import('./harness');
  threadId = (await createThread(actorFor(user), channel.slug, { title: 'CSRF target thread', body: 'Body of the thread' })).id;
});

const writes = () =>
  routes.flatMap((route) => WRITE_METHODS.filter((m) => route.handlers[m]).map((method) => ({ route, method })));

describe('CSRF on every state-changing /api/v1 route handler', () => {
  it('finds the write routes on disk', () => {
    expect(writes().length).toBeGreaterThan(15);
  });

  it('refuses a cookie-authenticated write with no token, another session’s token, or a foreign Origin, writing nothing', async () => {
    const before = await rowCounts();
    for (const { route, method } of writes()) {
      const values = Object.fromEntries(route.params.map((p) => [p, randomId()]));
      const path = routePath(route, values);
      const body = JSON.stringify({ title: 'x', body: 'y' });
      // Public writes (asking to join) take no session, so there is no session to ride on: they are listed apart.
      const anonymous = await call(route, method, apiRequest(null, method, path, { body }), values);
      if (anonymous.status !== 401) {
        publicWrites.push(`${method} ${route.route}`);
        continue;
      }
      const attempts = [
        apiRequest(alice, method, path, { body, csrf: null }),
        apiRequest(alice, method, path, { body, csrf: bob.csrf }),
        apiRequest(alice, method, path, { body, csrf: aliceElsewhere.csrf }),
        apiRequest(alice, method, path, { body, csrf: `${alice.csrf.slice(0, -1)}A` === alice.csrf ? `${alice.csrf.slice(0, -1)}B` : `${alice.csrf.slice(0, -1)}A` }),
        apiRequest(alice, method, path, { body, origin: 'https://evil.example' }),
        apiRequest(alice, method, path, { body, origin: 'null' }),
      ];
      for (const req of attempts) {
        const res = await call(route, method, req, values);
        expect(res.status, `${method} ${path}`).toBe(403);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
      }
    }
    expect(await rowCounts()).toEqual(before);
    expect(publicWrites).toEqual(['POST signups']);
  });

  it('accepts the same write with the session’s own token and our Origin', async () => {
    const route = routes.find((r) => r.route === 'threads/[id]/read')!;
    const values = { id: threadId };
    const refused = await call(route, 'POST', apiRequest(alice, 'POST', routePath(route, values), { csrf: null }), values);
    expect(refused.status).toBe(403);
    const ok = await call(route, 'POST', apiRequest(alice, 'POST', routePath(route, values)), values);
    expect(ok.status).toBeLessThan(300);
    // Another session of the same person has its own token, which works for it.
    const other = await call(route, 'POST', apiRequest(aliceElsewhere, 'POST', routePath(route, values)), values);
    expect(other.status).toBeLessThan(300);
  });

  it('does not ask reads for a token', async () => {
    const route = routes.find((r) => r.route === 'me')!;
    const res = await call(route, 'GET', apiRequest(alice, 'GET', '/api/v1/me', { csrf: null, origin: null }), {});
    expect(res.status).toBe(200);
  });

  it('still answers 401 (not 403) to a write with no session at all', async () => {
    const route = routes.find((r) => r.route === 'threads/[id]/read')!;
    const values = { id: threadId };
    const res = await call(route, 'POST', apiRequest(null, 'POST', routePath(route, values), { csrf: alice.csrf }), values);
    expect(res.status).toBe(401);
  });
});
