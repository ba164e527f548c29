import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as threadListRoute } from '@/app/api/v1/channels/[slug]/threads/route';
import { createApiToken } from '@/lib/api-tokens/create-api-token';
import { sessionCookieName } from '@/lib/auth/session-cookie';
import { config, setRuntimeEnv } from '@/lib/config';
import { createThread } from '@/lib/forum/create-thread';
import { openApiDocument } from '@/lib/openapi';
import { apiRequest, apiV1Routes, call, routePath, signedIn, WRITE_METHODS, type Method, type SignedIn } from './api-fuzz-session';
import { actorFor, makeChannel, makeUser, randomId, rowCounts, useTestDatabase } from './harness';

/**
 * What lib/openapi.ts says matches what the API does (openapi-coverage.test.ts checks that every route is
 * there at all): the 403 every write can give, the 413 every body can give, the thread list's paging, the
 * watch-level reads, `archived=include` and the session cookie's name.
 */
useTestDatabase();

type Operation = { parameters?: { name: string; in: string; schema: Record<string, unknown> }[]; requestBody?: unknown; security?: unknown[]; responses: Record<string, { description: string; content?: { 'application/json': { schema: Record<string, unknown> } } }> };
const doc = () => openApiDocument('http://localhost:3000');
const paths = () => doc().paths as unknown as Record<string, Record<string, Operation>>;
const op = (path: string, method: string) => {
  const found = paths()[path]?.[method];
  if (!found) throw new Error(`${method.toUpperCase()} ${path} is not described`);
  return found;
};
const operations = () =>
  Object.entries(paths()).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({ path, method, operation })),
  );

let member: SignedIn;
let readOnlyToken: string;

beforeAll(async () => {
  member = await signedIn(await makeUser({ name: 'Doc Reader' }));
  readOnlyToken = (await createApiToken({ ...actorFor(member.user), sessionId: member.sessionId }, { name: 'Read only', scope: 'read' })).token;
});

describe('403 on writes', () => {
  it('is described for the writes a silenced member or a read-only token is refused, saying why', () => {
    for (const [path, method] of [
      ['/channels/{slug}/threads', 'post'],
      ['/threads/{id}/posts', 'post'],
    ]) {
      expect(op(path, method).responses['403']?.description, `${method} ${path}`).toMatch(/silenced.*read-only API token/);
    }
    for (const [path, method] of [
      ['/threads/{id}/watch', 'put'],
      ['/channels/{slug}/watch', 'put'],
      ['/threads/{id}/read', 'post'],
      ['/notifications/read', 'post'],
    ]) {
      expect(op(path, method).responses['403']?.description, `${method} ${path}`).toMatch(/read-only API token/);
    }
  });

  it('is described on every write that takes a session or token, and a read-only token does get 403 from each, writing nothing', async () => {
    const routes = new Map((await apiV1Routes()).map((r) => [`/${r.route.replace(/\[([^\]]+)\]/g, '{$1}')}`, r]));
    const writes = operations().filter(({ method, operation }) => method !== 'get' && !(Array.isArray(operation.security) && operation.security.length === 0));
    expect(writes.length).toBeGreaterThan(40);
    const undocumented = writes.filter(({ operation }) => !operation.responses['403']).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(undocumented).toEqual([]);
    const before = await rowCounts();
    for (const { path, method } of writes) {
      const route = routes.get(path)!;
      const upper = method.toUpperCase() as Method;
      expect(WRITE_METHODS).toContain(upper);
      const values = Object.fromEntries(route.params.map((p) => [p, randomId()]));
      const req = apiRequest(null, upper, routePath(route, values), { origin: null, headers: { authorization: `Bearer ${readOnlyToken}` }, body: '{}' });
      expect((await call(route, upper, req, values)).status, `${upper} ${path}`).toBe(403);
    }
    expect(await rowCounts()).toEqual(before);
  });
});

describe('413 on bodies', () => {
  it('is described on every operation that takes a request body, with the 1 MiB limit', () => {
    const withBody = operations().filter(({ operation }) => operation.requestBody);
    expect(withBody.length).toBeGreaterThan(40);
    const missing = withBody.filter(({ operation }) => !operation.responses['413']).map(({ method, path }) => `${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
    expect(op('/threads/{id}/posts', 'post').responses['413'].description).toMatch(/1 MiB/);
  });
});

describe('the thread list', () => {
  it('describes the `cursor` and `limit` it takes and the `nextCursor` it answers, and the route behaves so', async () => {
    const list = op('/channels/{slug}/threads', 'get');
    const params = Object.fromEntries((list.parameters ?? []).map((p) => [p.name, p]));
    expect(params.cursor).toMatchObject({ in: 'query', schema: { type: 'string' } });
    expect(params.limit).toMatchObject({ in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 30 } });
    const schema = list.responses['200'].content!['application/json'].schema as { required: string[]; properties: Record<string, { type: unknown }> };
    expect(schema.properties.nextCursor.type).toEqual(['string', 'null']);

    const { slug } = await makeChannel();
    for (const title of ['First', 'Second']) await createThread(actorFor(member.user), slug, { title, body: 'b' });
    const get = async (query: string) => {
      const res = await threadListRoute(apiRequest(member, 'GET', `/api/v1/channels/${slug}/threads${query}`), { params: Promise.resolve({ slug }) });
      expect(res.status).toBe(200);
      return (await res.json()) as { threads: { title: string }[]; nextCursor: string | null };
    };
    const first = await get('?limit=1');
    expect(Object.keys(first).sort()).toEqual([...schema.required].sort());
    expect(first.threads.map((t) => t.title)).toEqual(['Second']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await get(`?limit=1&cursor=${first.nextCursor}`);
    expect(second).toMatchObject({ threads: [{ title: 'First' }], nextCursor: null });
  });
});

describe('watch levels and channels', () => {
  it('describes GET on both watch paths, answering { level }', () => {
    for (const path of ['/threads/{id}/watch', '/channels/{slug}/watch']) {
      const get = op(path, 'get');
      expect(get.responses['200'].content!['application/json'].schema).toMatchObject({
        required: expect.arrayContaining(['level']),
        properties: { level: { enum: ['watching', 'tracking', 'muted', 'normal'] } },
      });
      expect(Object.keys(get.responses)).toEqual(expect.arrayContaining(['401', '404']));
    }
    // A thread's answer also says whether the level was chosen for the thread.
    expect(op('/threads/{id}/watch', 'get').responses['200'].content!['application/json'].schema).toMatchObject({ properties: { chosen: { type: 'boolean' } } });
  });

  it('describes `archived` on GET /channels, with the 403 it gives to anyone but staff', () => {
    const list = op('/channels', 'get');
    expect(list.parameters).toContainEqual(expect.objectContaining({ name: 'archived', in: 'query', schema: expect.objectContaining({ enum: ['exclude', 'include'] }) }));
    expect(list.responses['403'].description).toMatch(/archived=include/);
    expect(list.responses['400']).toBeDefined();
  });
});

describe('the session cookie', () => {
  const saved = process.env.PUBLIC_URL;
  afterAll(() => {
    if (saved === undefined) delete process.env.PUBLIC_URL;
    else process.env.PUBLIC_URL = saved;
    setRuntimeEnv({});
  });

  it('is named as the server names it, over https and over http, and the description gives both names', () => {
    for (const url of ['https://watchroom.example.nhs.uk', 'http://localhost:3000']) {
      process.env.PUBLIC_URL = url;
      setRuntimeEnv({});
      const session = openApiDocument(config().publicUrl).components.securitySchemes.session;
      expect(session.name).toBe(sessionCookieName());
      expect(session.description).toContain('`__Host-next-auth.session-token`');
      expect(session.description).toContain('`next-auth.session-token`');
    }
    expect(openApiDocument('https://watchroom.example.nhs.uk').components.securitySchemes.session.name).toBe('__Host-next-auth.session-token');
  });
});
