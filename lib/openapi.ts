import { z } from 'zod';
import { createPostInput } from '@/lib/forum/create-post';
import { createThreadInput } from '@/lib/forum/create-thread';
import { publishBulletinInput } from '@/lib/incidents/bulletins';
import { createRoomInput } from '@/lib/incidents/create-room';
import { createRoomPostInput } from '@/lib/incidents/create-room-post';

/**
 * The OpenAPI description of /api/v1. Request bodies come from the same zod schemas the use cases
 * validate with, so the document cannot drift from what the server accepts. Examples are invented.
 */
const body = (schema: z.ZodType) => ({
  required: true,
  content: { 'application/json': { schema: z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) } },
});

const errorRef = { $ref: '#/components/schemas/Error' };
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((c) => [
      String(c),
      { description: errorDescriptions[c], content: { 'application/json': { schema: errorRef } } },
    ]),
  );
const errorDescriptions: Record<number, string> = {
  400: 'Invalid input; nothing was changed. `fields` names each problem.',
  401: 'Not signed in.',
  403: 'Signed in, but not allowed.',
  404: 'Not found — also the answer for anything you may not see.',
  409: 'Conflicts with the current state (locked thread, closed room).',
};
const ok = (description: string, schema: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
const created = ok('Created', {
  type: 'object',
  properties: { id: { type: 'string', format: 'uuid' } },
  required: ['id'],
});
const idParam = (name = 'id') => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Watchroom API',
      version: '1',
      description:
        'JSON API of Watchroom. Authenticate with the session cookie from signing in. Incident rooms you are not a member of answer 404, exactly like rooms that do not exist.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'next-auth.session-token' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string', enum: ['unauthenticated', 'forbidden', 'not_found', 'invalid', 'conflict', 'rate_limited', 'internal'] },
                message: { type: 'string' },
                fields: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
              },
            },
          },
        },
      },
    },
    security: [{ session: [] }],
    paths: {
      '/me': { get: { summary: 'The signed-in person and their organisation', responses: { 200: ok('You'), ...errors(401) } } },
      '/organisations': { get: { summary: 'Organisations with ODS code, name and type', responses: { 200: ok('Organisations'), ...errors(401) } } },
      '/channels': { get: { summary: 'Public channels', responses: { 200: ok('Channels'), ...errors(401) } } },
      '/channels/{slug}/threads': {
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: 'Threads of a channel, newest activity first', responses: { 200: ok('Threads'), ...errors(401, 404) } },
        post: { summary: 'Start a thread', requestBody: body(createThreadInput), responses: { 201: created, ...errors(400, 401, 404, 409) } },
      },
      '/threads/{id}': {
        parameters: [idParam()],
        get: { summary: 'A thread with its posts (bodyHtml is sanitised)', responses: { 200: ok('Thread'), ...errors(401, 404) } },
      },
      '/threads/{id}/posts': {
        parameters: [idParam()],
        post: { summary: 'Reply in a thread', requestBody: body(createPostInput), responses: { 201: created, ...errors(400, 401, 404, 409) } },
      },
      '/incidents': {
        get: { summary: 'Incident rooms you are a member of', responses: { 200: ok('Rooms'), ...errors(401) } },
        post: {
          summary: 'Open an incident room (incident leads and admins). High and critical rooms publish a bulletin and text everyone invited.',
          requestBody: body(createRoomInput),
          responses: {
            201: ok('Created', { type: 'object', properties: { id: { type: 'string' }, reference: { type: 'string', example: 'INC-2026-0042' } } }),
            ...errors(400, 401, 403),
          },
        },
      },
      '/incidents/{id}': {
        parameters: [idParam()],
        get: { summary: 'One room, for its members', responses: { 200: ok('Room'), ...errors(401, 404) } },
      },
      '/incidents/{id}/posts': {
        parameters: [idParam()],
        post: { summary: 'Post in a room, with a TLP label at or below its ceiling', requestBody: body(createRoomPostInput), responses: { 201: created, ...errors(400, 401, 404, 409) } },
      },
      '/incidents/{id}/bulletins': {
        parameters: [idParam()],
        post: { summary: 'Publish a new version of the public (TLP:CLEAR) bulletin', requestBody: body(publishBulletinInput), responses: { 201: created, ...errors(400, 401, 403, 404) } },
      },
      '/incidents/{id}/sms': {
        parameters: [idParam()],
        get: { summary: 'The room’s texts: masked recipient, kind and status (room leads)', responses: { 200: ok('Texts'), ...errors(401, 403, 404) } },
      },
    },
  };
}
