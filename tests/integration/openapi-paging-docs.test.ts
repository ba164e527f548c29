import { beforeAll, describe, expect, it } from 'vitest';
import { GET as notificationsRoute } from '@/app/api/v1/notifications/route';
import { GET as searchRoute } from '@/app/api/v1/search/route';
import { createThread } from '@/lib/forum/create-thread';
import { openApiDocument } from '@/lib/openapi';
import { apiRequest, signedIn, type SignedIn } from './api-fuzz-session';
import { actorFor, makeChannel, makeUser, useTestDatabase } from './harness';

/** lib/openapi.ts describes the paging of GET /search and GET /notifications as the routes do it. */
useTestDatabase();

type Operation = {
  summary: string;
  parameters: { name: string; in: string; description?: string; schema: Record<string, unknown> }[];
  responses: Record<string, { content?: { 'application/json': { schema: { required: string[]; properties: Record<string, { type: unknown }> } } } }>;
};
const op = (path: string) => (openApiDocument('http://localhost:3000').paths as unknown as Record<string, { get: Operation }>)[path].get;
const param = (o: Operation, name: string) => o.parameters.find((p) => p.name === name);
const ctx = { params: Promise.resolve({}) };

let member: SignedIn;

beforeAll(async () => {
  member = await signedIn(await makeUser());
  const { slug } = await makeChannel();
  for (let i = 0; i < 3; i++) await createThread(actorFor(member.user), slug, { title: `Docword thread ${i}`, body: 'docword body' });
});

describe('GET /search', () => {
  it('documents `cursor`, `nextCursor` and `capped`, and answers exactly those keys', async () => {
    const search = op('/search');
    expect(param(search, 'cursor')).toMatchObject({ in: 'query', schema: { type: 'string' } });
    expect(param(search, 'cursor')?.description).toMatch(/nextCursor.*400/);
    const schema = search.responses['200'].content!['application/json'].schema;
    expect(schema.properties.nextCursor.type).toEqual(['string', 'null']);
    expect(schema.properties.capped.type).toBe('boolean');
    expect(search.responses['400']).toBeDefined();

    const res = await searchRoute(apiRequest(member, 'GET', '/api/v1/search?q=docword&limit=2'), ctx);
    const page = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(page).sort()).toEqual([...schema.required].sort());
    const next = await searchRoute(apiRequest(member, 'GET', `/api/v1/search?q=docword&limit=2&cursor=${page.nextCursor as string}`), ctx);
    expect(((await next.json()) as { results: unknown[] }).results).toHaveLength(1);
    expect((await searchRoute(apiRequest(member, 'GET', '/api/v1/search?q=docword&cursor=nope'), ctx)).status).toBe(400);
  });
});

describe('GET /notifications', () => {
  it('documents `before` as the previous page’s nextCursor, the `nextCursor` it answers and the 400 for a malformed one', async () => {
    const list = op('/notifications');
    expect(param(list, 'before')?.description).toMatch(/nextCursor.*400/);
    const schema = list.responses['200'].content!['application/json'].schema;
    expect(schema.properties.nextCursor.type).toEqual(['string', 'null']);
    expect(list.responses['400']).toBeDefined();

    const res = await notificationsRoute(apiRequest(member, 'GET', '/api/v1/notifications'), ctx);
    expect(res.status).toBe(200);
    expect(Object.keys((await res.json()) as object).sort()).toEqual([...schema.required].sort());
    const bad = await notificationsRoute(apiRequest(member, 'GET', '/api/v1/notifications?before=2026-01-01'), ctx);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: Record<string, unknown> } }).error.fields).toHaveProperty('before');
  });
});
