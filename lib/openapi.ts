import { z } from 'zod';
import { createPostInput } from '@/lib/forum/create-post';
import { createThreadInput } from '@/lib/forum/create-thread';
import { publishBulletinInput } from '@/lib/incidents/bulletins';
import { createRoomInput } from '@/lib/incidents/create-room';
import { createRoomPostInput } from '@/lib/incidents/create-room-post';
import { inviteInput, nominateInput, respondInput } from '@/lib/incidents/invitations';
import { reportOrgStatusInput } from '@/lib/incidents/org-status';
import { staffEntryInput } from '@/lib/incidents/room-audit';
import { changeSeverityInput, changeStatusInput } from '@/lib/incidents/room-lifecycle';
import { changeRoleInput } from '@/lib/incidents/room-membership';

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
      '/incidents/{id}/status': {
        parameters: [idParam()],
        post: { summary: 'Move the status forward (open → contained → resolved → closed); leads', requestBody: body(changeStatusInput), responses: { 200: ok('Status'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/incidents/{id}/severity': {
        parameters: [idParam()],
        post: { summary: 'Change severity; raising to high or critical texts people not yet alerted', requestBody: body(changeSeverityInput), responses: { 200: ok('Severity'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/incidents/{id}/archive': {
        parameters: [idParam()],
        post: { summary: 'Archive a closed room; leads', responses: { 200: ok('Archived'), ...errors(401, 403, 404, 409) } },
      },
      '/incidents/{id}/timeline': {
        parameters: [idParam()],
        get: { summary: 'The room’s typed timeline (ids, names and enumerated values only)', responses: { 200: ok('Events'), ...errors(401, 404) } },
      },
      '/incidents/{id}/members': {
        parameters: [idParam()],
        get: { summary: 'Who can see this room and why: how each person got access, who granted it and when', responses: { 200: ok('Members'), ...errors(401, 404) } },
      },
      '/incidents/{id}/members/{userId}': {
        parameters: [idParam(), idParam('userId')],
        patch: { summary: 'Change a member’s room role (lead, member, observer)', requestBody: body(changeRoleInput), responses: { 200: ok('Role'), ...errors(400, 401, 403, 404, 409) } },
        delete: { summary: 'Remove a member now: their next request is a 404 and their sockets leave the room', responses: { 200: ok('Removed'), ...errors(401, 403, 404, 409) } },
      },
      '/incidents/{id}/invitations': {
        parameters: [idParam()],
        get: { summary: 'The room’s invitations and their state (leads)', responses: { 200: ok('Invitations'), ...errors(401, 403, 404) } },
        post: { summary: 'Invite people and organisations (not organisations to TLP:RED rooms); default expiry 7 days', requestBody: body(inviteInput), responses: { 201: ok('Invitations'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/incidents/{id}/invitations/{invitationId}': {
        parameters: [idParam(), idParam('invitationId')],
        delete: { summary: 'Revoke an open invitation (leads)', responses: { 200: ok('Revoked'), ...errors(401, 403, 404, 409) } },
      },
      '/incidents/{id}/nominations': {
        parameters: [idParam()],
        post: { summary: 'An incident contact nominates a colleague with a reason (not in TLP:RED rooms)', requestBody: body(nominateInput), responses: { 201: ok('Nominated'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/incidents/{id}/org-status': {
        parameters: [idParam()],
        get: { summary: 'The organisation status board', responses: { 200: ok('Board'), ...errors(401, 404) } },
        post: { summary: 'Report your organisation’s status in the room', requestBody: body(reportOrgStatusInput), responses: { 200: ok('Status'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/incidents/{id}/posts/{postId}/reveal': {
        parameters: [idParam(), idParam('postId')],
        post: { summary: 'Moderators and admins in the room see who wrote an anonymous post (audited)', responses: { 200: ok('Author'), ...errors(401, 403, 404) } },
      },
      '/incidents/{id}/export': {
        parameters: [idParam(), { name: 'format', in: 'query', schema: { type: 'string', enum: ['html', 'markdown'] } }],
        get: { summary: 'Download the transcript stamped with TLP, viewer and time (leads; not TLP:RED; audited)', responses: { 200: { description: 'A file' }, ...errors(400, 401, 403, 404, 409) } },
      },
      '/incidents/{id}/audit': {
        parameters: [idParam()],
        get: { summary: 'The room’s audit trail (moderators and admins in the room)', responses: { 200: ok('Audit'), ...errors(401, 403, 404) } },
      },
      '/incidents/{id}/staff-entry': {
        parameters: [idParam()],
        post: { summary: 'An admin enters a room they are not in, with a reason, as an observer; the leads are told', requestBody: body(staffEntryInput), responses: { 201: ok('Entered'), ...errors(400, 401, 404, 409) } },
      },
      '/invitations': {
        get: { summary: 'Your open invitations: public fields only until you accept', responses: { 200: ok('Invitations'), ...errors(401) } },
      },
      '/invitations/{id}': {
        parameters: [idParam()],
        post: { summary: 'Accept or decline an invitation addressed to you (or to your organisation, as its incident contact)', requestBody: body(respondInput), responses: { 200: ok('Answered'), ...errors(400, 401, 404, 409) } },
      },
      '/admin/rooms': {
        get: { summary: 'Admins: every room’s reference, severity, status and opening time — never titles', responses: { 200: ok('Rooms'), ...errors(401, 403) } },
      },
    },
  };
}
