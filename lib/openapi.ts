import { z } from 'zod';
import { contactInput } from '@/lib/alerts/contacts';
import { confirmMobileInput } from '@/lib/alerts/mobile-verification-confirm';
import { startMobileInput } from '@/lib/alerts/mobile-verification-start';
import { changePasswordInput } from '@/lib/auth/change-password';
import { codeInput } from '@/lib/auth/confirm-mfa-enrolment';
import { passwordInput } from '@/lib/auth/disable-mfa';
import { createPostInput } from '@/lib/forum/create-post';
import { editPostInput } from '@/lib/forum/edit-post';
import { createChannelInput, updateChannelInput } from '@/lib/forum/manage-channels';
import { markReadInput } from '@/lib/forum/notifications';
import { markThreadReadInput } from '@/lib/forum/read-state';
import { watchInput } from '@/lib/forum/watches';
import { MAX_BODY_BYTES } from '@/lib/http/body-limit';
import { createThreadInput } from '@/lib/forum/create-thread';
import { threadFlagsInput } from '@/lib/forum/moderate-thread';
import { publishBulletinInput } from '@/lib/incidents/bulletins';
import { createRoomInput } from '@/lib/incidents/create-room';
import { createRoomPostInput } from '@/lib/incidents/create-room-post';
import { inviteInput, nominateInput, respondInput } from '@/lib/incidents/invitations';
import { reportOrgStatusInput } from '@/lib/incidents/org-status';
import { staffEntryInput } from '@/lib/incidents/room-audit';
import { changeSeverityInput, changeStatusInput } from '@/lib/incidents/room-lifecycle';
import { changeRoleInput } from '@/lib/incidents/room-membership';
import { createApiTokenInput } from '@/lib/api-tokens/create-api-token';
import { hidePostInput, restorePostInput } from '@/lib/moderation/hide-post';
import { redactRevisionBody, restoreRevisionBody } from '@/lib/moderation/redact-revision';
import { moveThreadInput } from '@/lib/moderation/move-thread';
import { reportPostInput } from '@/lib/moderation/report-post';
import { resolveReportsInput } from '@/lib/moderation/resolve-reports';
import { liftInput } from '@/lib/moderation/sanction-target';
import { silenceUserInput } from '@/lib/moderation/silence-user';
import { suspendUserInput } from '@/lib/moderation/suspend-user';
import { roomSettingsInput } from '@/lib/incidents/change-room-settings';
import { changeTlpInput } from '@/lib/incidents/change-room-tlp';
import { profileInput } from '@/lib/people/profile';
import { roleChangeInput } from '@/lib/people/roles';
import { addDomainInput } from '@/lib/vetting/email-domains';
import { approveInput, rejectInput } from '@/lib/vetting/review-signups';
import { signupInput } from '@/lib/vetting/signup-input';
import { sponsorResponseInput } from '@/lib/vetting/sponsor-requests';

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
  413: `The request body is larger than ${MAX_BODY_BYTES / (1024 * 1024)} MiB (by its Content-Length or as it arrived); nothing was changed. \`code\` is \`invalid\`.`,
  429: 'Too many requests, or Notify could not take the text just now; the message says when to try again.',
};
/** A 403 with the reasons this operation gives one. */
const forbidden = (description: string) => ({ 403: { description, content: { 'application/json': { schema: errorRef } } } });
const READ_ONLY_TOKEN = 'A read-only API token (those get 403 on anything but GET).';
const SILENCED_OR_READ_ONLY = 'You are silenced by a moderator (the message says until when), or a read-only API token.';

/** Every operation that takes a body may answer 413 (lib/http/body-limit.ts): added here rather than to each. */
function withBodyLimit<T extends Record<string, Record<string, unknown>>>(paths: T): T {
  for (const ops of Object.values(paths)) {
    for (const op of Object.values(ops)) {
      if (op && typeof op === 'object' && 'requestBody' in op && 'responses' in op) Object.assign(op.responses as object, errors(413));
    }
  }
  return paths;
}

const watchLevel = { type: 'object', required: ['level'], properties: { level: { type: 'string', enum: watchInput.shape.level.options } } };

const ok = (description: string, schema: object = { type: 'object' }) => ({
  description,
  content: { 'application/json': { schema } },
});
const created = ok('Created', {
  type: 'object',
  properties: { id: { type: 'string', format: 'uuid' } },
  required: ['id'],
});
/**
 * Account security (sessions, password, two-step verification, API tokens, the alert mobile): a browser sign-in session only;
 * an API token gets 403 on these (lib/auth/require-session.ts).
 */
const sessionOnly = <T extends { summary: string }>(op: T) => ({
  ...op,
  summary: `${op.summary}. Session only: an API token gets 403`,
  security: [{ session: [] }],
});
const idParam = (name = 'id') => ({ name, in: 'path', required: true, schema: { type: 'string', format: 'uuid' } });

export function openApiDocument(serverUrl: string) {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Watchroom API',
      version: '1',
      description:
        'JSON API of Watchroom. Authenticate with the session cookie from signing in, or with `Authorization: Bearer <personal API token>`. Incident rooms you are not a member of answer 404, exactly like rooms that do not exist. Request bodies are limited to 1 MiB (413 beyond).',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: serverUrl.startsWith('https://') ? '__Host-next-auth.session-token' : 'next-auth.session-token',
          description:
            'The session cookie set by signing in: `__Host-next-auth.session-token` when Watchroom is served over https, `next-auth.session-token` over http (the local demo). Writes with it also need the `x-csrf-token` header and, from a browser, our own Origin.',
        },
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'wr_…',
          description:
            'A personal API token from /account/api-tokens. Read-only tokens get 403 on anything but GET; expired, revoked or suspended-owner tokens get 401. No token may manage the account that owns it: /me/sessions, /me/password, /me/mfa and /me/api-tokens answer 403 to a token (session only).',
        },
      },
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
    security: [{ session: [] }, { bearer: [] }],
    paths: withBodyLimit({
      '/me': { get: { summary: 'The signed-in person and their organisation', responses: { 200: ok('You'), ...errors(401) } } },
      '/organisations': { get: { summary: 'Organisations with ODS code, name and type', responses: { 200: ok('Organisations'), ...errors(401) } } },
      '/channels': {
        get: {
          summary: 'Public channels, in order. With `archived=include` (moderators and admins) archived channels are listed too, each with `archived: true|false`',
          parameters: [{ name: 'archived', in: 'query', required: false, schema: { type: 'string', enum: ['exclude', 'include'], default: 'exclude' } }],
          responses: { 200: ok('Channels'), ...errors(400, 401), ...forbidden('`archived=include` from anyone but a moderator or admin.') },
        },
        post: { summary: 'Moderators: create a channel', requestBody: body(createChannelInput), responses: { 201: created, ...errors(400, 401, 403, 409) } },
      },
      '/channels/{slug}': {
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        patch: { summary: 'Moderators: rename, describe, reorder or archive a channel', requestBody: body(updateChannelInput), responses: { 200: ok('Channel'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/channels/{slug}/watch': {
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        get: { summary: 'Your watch level of the channel (`normal` when you have not chosen one)', responses: { 200: ok('Watch level', watchLevel), ...errors(401, 404) } },
        put: { summary: 'Watch, track, mute or reset a channel for yourself', requestBody: body(watchInput), responses: { 200: ok('Watch level'), ...errors(400, 401, 404), ...forbidden(READ_ONLY_TOKEN) } },
      },
      '/threads/{id}/watch': {
        parameters: [idParam()],
        get: {
          summary:
            'The watch level that governs you for the thread: one you chose for it (`chosen: true`), else one you chose for its channel (watching, tracking or muted), else the tracking that reading or replying set, else `normal`',
          responses: {
            200: ok('Watch level', { type: 'object', required: ['level', 'chosen'], properties: { ...watchLevel.properties, chosen: { type: 'boolean' } } }),
            ...errors(401, 404),
          },
        },
        put: { summary: 'Watch, track, mute or reset a thread for yourself', requestBody: body(watchInput), responses: { 200: ok('Watch level'), ...errors(400, 401, 404), ...forbidden(READ_ONLY_TOKEN) } },
      },
      '/threads/{id}/read': {
        parameters: [idParam()],
        post: {
          summary: 'Record how far you have read the thread: its first `seen` posts, or with no body all of it as it is now (only moves forward)',
          description:
            '`seen` counts posts from the start of the thread in the order GET /threads/{id} lists them, deleted and hidden posts included (seeing the 3rd post means 3); it is clamped to the thread’s posts and a smaller value than before changes nothing. Clears your notifications about those posts only. Reading a thread tracks it, below any level you chose for it or its channel.',
          requestBody: { ...body(markThreadReadInput), required: false },
          responses: {
            200: ok('The read position now stored', {
              type: 'object',
              required: ['threadId', 'readPostCount'],
              properties: { threadId: { type: 'string', format: 'uuid' }, readPostCount: { type: 'integer', minimum: 1 } },
            }),
            ...errors(400, 401, 404),
            ...forbidden(READ_ONLY_TOKEN),
          },
        },
      },
      '/posts/{id}': {
        parameters: [idParam()],
        patch: { summary: 'Edit your post (every revision is kept)', requestBody: body(editPostInput), responses: { 200: ok('Post'), ...errors(400, 401, 403, 404, 409) } },
        delete: { summary: 'Delete your post (moderators: any post), leaving a tombstone', responses: { 200: ok('Deleted'), ...errors(401, 403, 404) } },
      },
      '/posts/{id}/revisions': {
        parameters: [idParam()],
        get: { summary: 'Every version of a post, oldest first, ending with the current one', responses: { 200: ok('Revisions'), ...errors(401, 404) } },
      },
      '/posts/{id}/quote': {
        parameters: [idParam()],
        get: { summary: 'Markdown quoting a public-forum post, for the reply box', responses: { 200: ok('Quote'), ...errors(401, 404) } },
      },
      '/notifications': {
        get: {
          summary: 'Your notifications (mentions, replies, watched threads), newest first; keyset pages (`before` = the previous page’s `nextCursor`)',
          parameters: [
            { name: 'before', in: 'query', required: false, description: 'An opaque cursor: the previous page’s `nextCursor`. A malformed one is a 400 naming `before`', schema: { type: 'string' } },
            { name: 'limit', in: 'query', required: false, description: 'Notifications per page; a number outside 1–100 is clamped, anything else means 30', schema: { type: 'integer', minimum: 1, maximum: 100, default: 30 } },
          ],
          responses: {
            200: ok('A page of notifications, your unread count and the cursor of the next page', {
              type: 'object',
              required: ['notifications', 'unread', 'nextCursor'],
              properties: {
                notifications: { type: 'array', items: { type: 'object' } },
                unread: { type: 'integer', minimum: 0 },
                nextCursor: { type: ['string', 'null'], description: 'Pass as `before` for the next page; null on the last page' },
              },
            }),
            ...errors(400, 401),
          },
        },
      },
      '/notifications/read': {
        post: { summary: 'Mark notifications read: some by id, or all', requestBody: body(markReadInput), responses: { 200: ok('Unread count'), ...errors(400, 401), ...forbidden(READ_ONLY_TOKEN) } },
      },
      '/search': {
        get: {
          summary:
            'Full-text search of public channels and the incident rooms you belong to; snippets mark matches with <mark>. Best matches first among the newest 200 matching posts, then among the next 200, and so on to the newest 1,000 (`capped` says when results stopped there; `from`/`to` reach older posts). Pages by `cursor` = the previous page’s `nextCursor`',
          parameters: [
            { name: 'q', in: 'query', required: true, schema: { type: 'string', minLength: 2, maxLength: 200 } },
            { name: 'channel', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'author', in: 'query', required: false, schema: { type: 'string' } },
            { name: 'from', in: 'query', required: false, description: 'A UK day from 1900-01-01 to 9999-12-31; otherwise a 400 naming `from`', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', required: false, description: 'A UK day from 1900-01-01 to 9999-12-31, not before `from`; otherwise a 400 naming `to`', schema: { type: 'string', format: 'date' } },
            { name: 'limit', in: 'query', required: false, description: 'Results per page', schema: { type: 'integer', minimum: 1, maximum: 50, default: 20 } },
            { name: 'cursor', in: 'query', required: false, description: 'An opaque cursor: the previous page’s `nextCursor`, with the same `q`, `channel`, `author`, `from` and `to`. A malformed one, or one from another search, is a 400 naming `cursor`', schema: { type: 'string' } },
          ],
          responses: {
            200: ok('A page of results and the cursor of the next page', {
              type: 'object',
              required: ['query', 'results', 'nextCursor', 'capped'],
              properties: {
                query: { type: 'string' },
                results: { type: 'array', items: { type: 'object' } },
                nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page' },
                capped: { type: 'boolean', description: 'True when results stopped at the newest 1,000 matching posts: there may be older ones (narrow with `to`)' },
              },
            }),
            ...errors(400, 401),
          },
        },
      },
      '/channels/{slug}/threads': {
        parameters: [{ name: 'slug', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          summary: 'Threads of a channel, pinned first, then newest activity; keyset pages (`cursor` = the previous page’s `nextCursor`)',
          parameters: [
            { name: 'cursor', in: 'query', required: false, description: 'The previous page’s `nextCursor`; a malformed one is a 400', schema: { type: 'string' } },
            { name: 'limit', in: 'query', required: false, description: 'Threads per page; a number outside 1–100 is clamped, anything else means 30', schema: { type: 'integer', minimum: 1, maximum: 100, default: 30 } },
          ],
          responses: {
            200: ok('The channel, a page of threads and the cursor of the next page', {
              type: 'object',
              required: ['channel', 'threads', 'nextCursor'],
              properties: {
                channel: { type: 'object' },
                threads: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: {
                      firstUnread: {
                        type: ['integer', 'null'],
                        minimum: 2,
                        description:
                          'Where you left off: the position (1-based, as `seen` counts in POST /threads/{id}/read) of the first post you have not read, in a thread you have read part of; null if you never opened it or have read it all. The web page for it is `/threads/{id}?from={firstUnread}`.',
                      },
                    },
                  },
                },
                nextCursor: { type: ['string', 'null'], description: 'Pass as `cursor` for the next page; null on the last page' },
              },
            }),
            ...errors(400, 401, 404),
          },
        },
        post: { summary: 'Start a thread', requestBody: body(createThreadInput), responses: { 201: created, ...errors(400, 401, 404, 409), ...forbidden(SILENCED_OR_READ_ONLY) } },
      },
      '/threads/{id}': {
        parameters: [idParam()],
        get: { summary: 'A thread with its posts (bodyHtml is sanitised; a hidden post’s body is empty except for moderators)', responses: { 200: ok('Thread'), ...errors(401, 404) } },
        patch: { summary: 'Moderators: pin/unpin and lock/unlock the thread (staff action log)', requestBody: body(threadFlagsInput), responses: { 200: ok('Flags'), ...errors(400, 401, 403, 404) } },
      },
      '/threads/{id}/posts': {
        parameters: [idParam()],
        post: { summary: 'Reply in a thread', requestBody: body(createPostInput), responses: { 201: created, ...errors(400, 401, 404, 409), ...forbidden(SILENCED_OR_READ_ONLY) } },
      },
      '/incidents': {
        get: {
          summary: 'Incident rooms you are a member of: the active ones, or with `view=archived` the archived ones',
          parameters: [{ name: 'view', in: 'query', required: false, schema: { type: 'string', enum: ['active', 'archived'], default: 'active' } }],
          responses: { 200: ok('Rooms'), ...errors(400, 401) },
        },
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
        post: { summary: 'Post in a room, with a TLP label at or below its ceiling', requestBody: body(createRoomPostInput), responses: { 201: created, ...errors(400, 401, 404, 409), ...forbidden(SILENCED_OR_READ_ONLY) } },
      },
      '/incidents/{id}/bulletins': {
        parameters: [idParam()],
        post: {
          summary: 'Publish a new version of the public (TLP:CLEAR) bulletin; with `textEveryone`, text everyone already texted for the room a personal link to it (once per number per version)',
          requestBody: body(publishBulletinInput),
          responses: { 201: created, ...errors(400, 401, 403, 404) },
        },
      },
      '/incidents/{id}/bulletins/preview': {
        parameters: [idParam()],
        post: {
          summary: 'The follow-up text a bulletin update with this headline would send, and to how many numbers; nothing is written',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { headline: { type: 'string', maxLength: 200 } } } } } },
          responses: { 200: ok('Preview'), ...errors(400, 401, 403, 404) },
        },
      },
      '/incidents/{id}/tlp': {
        parameters: [idParam()],
        post: {
          summary: 'Change the TLP ceiling (leads, moderators and admins in the room). Lowering below any post’s label, or RED while organisations are in or invited, is a 409',
          requestBody: body(changeTlpInput),
          responses: { 200: ok('TLP'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/incidents/{id}/settings': {
        parameters: [idParam()],
        patch: {
          summary: 'Set the status-update interval and the escalation time, in minutes (leads)',
          requestBody: body(roomSettingsInput),
          responses: { 200: ok('Settings'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/incidents/{id}/sms': {
        parameters: [idParam()],
        get: { summary: 'The room’s texts (masked recipient, kind, bulletin version, status) and the per-organisation summary (room leads)', responses: { 200: ok('Texts and organisations'), ...errors(401, 403, 404) } },
      },
      '/incidents/{id}/sms/resend': {
        parameters: [idParam()],
        post: {
          summary: 'Re-send the room’s failed texts (or only the ones named), each as a new attempt series; leads and staff in the room',
          requestBody: { required: false, content: { 'application/json': { schema: { type: 'object', properties: { smsIds: { type: 'array', items: { type: 'string', format: 'uuid' }, maxItems: 10000 } } } } } },
          responses: { 200: ok('How many texts were queued again'), ...errors(400, 401, 403, 404) },
        },
      },
      '/incidents/preview': {
        post: {
          summary: 'The texts that opening a room with these fields would send, and to how many numbers; nothing is written',
          requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', properties: { title: { type: 'string' }, summary: { type: 'string' }, severity: { type: 'string' }, publicHeadline: { type: 'string' }, invite: { type: 'object', properties: { organisations: { type: 'array', items: { type: 'string' } }, users: { type: 'array', items: { type: 'string' } } } } } } } } },
          responses: { 200: ok('Preview'), ...errors(400, 401, 403) },
        },
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
        post: { summary: 'An admin enters a room they are not in, with a reason, as an observer; the leads are told', requestBody: body(staffEntryInput), responses: { 201: ok('Entered'), ...errors(400, 401, 404, 409), ...forbidden(READ_ONLY_TOKEN) } },
      },
      '/invitations': {
        get: { summary: 'Your open invitations: public fields only until you accept', responses: { 200: ok('Invitations'), ...errors(401) } },
      },
      '/invitations/{id}': {
        parameters: [idParam()],
        post: { summary: 'Accept or decline an invitation addressed to you (or to your organisation, as its incident contact)', requestBody: body(respondInput), responses: { 200: ok('Answered'), ...errors(400, 401, 404, 409), ...forbidden(READ_ONLY_TOKEN) } },
      },
      '/contacts': {
        get: { summary: 'Moderators and admins: organisations’ primary, deputy and alert-only contacts, numbers masked', responses: { 200: ok('Contacts'), ...errors(401, 403) } },
        post: { summary: 'Moderators and admins: add a key or alert-only contact with a UK mobile', requestBody: body(contactInput), responses: { 201: created, ...errors(400, 401, 403, 409) } },
      },
      '/contacts/{id}': {
        parameters: [idParam()],
        delete: { summary: 'Moderators and admins: remove a contact', responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404) } },
      },
      '/me/sessions': {
        get: sessionOnly({ summary: 'Your signed-in sessions still in force: device, IP address, started, last seen; `current` marks this one', responses: { 200: ok('Sessions'), ...errors(401, 403) } }),
        delete: sessionOnly({ summary: 'Sign out every other session of yours, keeping this one', responses: { 200: ok('How many were signed out'), ...errors(401, 403) } }),
      },
      '/me/sessions/{id}': {
        parameters: [idParam()],
        delete: sessionOnly({ summary: 'Sign out one of your sessions: its next request has no actor and its sockets are dropped', responses: { 200: ok('Signed out'), ...errors(401, 403, 404) } }),
      },
      '/me/password': {
        post: sessionOnly({
          summary: 'Change your password (the current one is needed; at least 12 characters, not common, not your name or email). Signs out every other session; this one gets a fresh session cookie',
          requestBody: body(changePasswordInput),
          responses: { 200: ok('Changed'), ...errors(400, 401, 403, 429) },
        }),
      },
      '/me/mfa': {
        get: sessionOnly({ summary: 'Two-step verification: on or off, required for your role, recovery codes left, set-up in progress', responses: { 200: ok('Status'), ...errors(401, 403) } }),
        post: sessionOnly({ summary: 'Start setting up an authenticator app: the TOTP secret and otpauth:// URI (not in force until confirmed)', responses: { 201: ok('Secret and URI'), ...errors(401, 403, 409) } }),
        delete: sessionOnly({ summary: 'Turn two-step verification off (needs your password; refused for roles that require it)', requestBody: body(passwordInput), responses: { 200: ok('Off'), ...errors(400, 401, 403, 409, 429) } }),
      },
      '/me/mfa/confirm': {
        post: sessionOnly({ summary: 'Confirm set-up with a code from the app: turns it on and returns 10 one-time recovery codes, shown once', requestBody: body(codeInput), responses: { 200: ok('Recovery codes'), ...errors(400, 401, 403, 409, 429) } }),
      },
      '/me/mfa/recovery-codes': {
        post: sessionOnly({ summary: 'Replace your recovery codes (needs your password): 10 new ones, shown once', requestBody: body(passwordInput), responses: { 200: ok('Recovery codes'), ...errors(400, 401, 403, 409, 429) } }),
      },
      '/me/mobile': {
        get: { summary: 'Your mobile number, whether it is verified, and any code waiting to be typed', responses: { 200: ok('Mobile status'), ...errors(401) } },
        put: sessionOnly({
          summary: 'Set a new UK mobile (unverified until its code is typed) and text it a 6-digit code; 3 codes per 15 minutes per person and per number',
          requestBody: body(startMobileInput),
          responses: { 202: ok('Code sent; `simulatedCode` only when texts are simulated outside production'), ...errors(400, 401, 403, 409, 429) },
        }),
        delete: sessionOnly({ summary: 'Remove your mobile: no more texts to it', responses: { 200: ok('Removed'), ...errors(401, 403) } }),
      },
      '/me/mobile/verify': {
        post: sessionOnly({ summary: 'Type the code: right verifies the number; 5 wrong tries or 10 minutes end the code', requestBody: body(confirmMobileInput), responses: { 200: ok('Verified'), ...errors(400, 401, 403) } }),
      },
      '/reports': {
        get: {
          summary: 'Moderators: the review queue, one entry per reported post (open first) with excerpt, thread, reporter count and reasons',
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'resolved', 'all'], default: 'open' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
          ],
          responses: { 200: ok('Reported posts'), ...errors(400, 401, 403) },
        },
        post: { summary: 'Report someone else’s public post to the moderators, with a reason (one open report per person per post)', requestBody: body(reportPostInput), responses: { 201: ok('Reported'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/reports/{postId}/resolution': {
        parameters: [idParam('postId')],
        post: { summary: 'Moderators: hide, delete or dismiss; resolves every open report of the post', requestBody: body(resolveReportsInput), responses: { 200: ok('Resolved'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/moderation/posts/{id}/hide': {
        parameters: [idParam()],
        post: { summary: 'Moderators: hide a post with a reason (readers see “hidden by a moderator”; out of search and notifications)', requestBody: body(hidePostInput), responses: { 200: ok('Hidden'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/moderation/posts/{id}/restore': {
        parameters: [idParam()],
        post: { summary: 'Moderators: show a hidden post again', requestBody: body(restorePostInput), responses: { 200: ok('Restored'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/moderation/posts/{id}/revisions/{revision}/redact': {
        parameters: [idParam(), { name: 'revision', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        post: {
          summary:
            'Moderators: remove an earlier version of a post from its history, with a reason. It keeps its number and dates; its text reads “Removed by a moderator” for everyone but staff (who can still read it and restore it). 409 for the current version (edit or hide the post instead) and for one already removed',
          requestBody: body(redactRevisionBody),
          responses: { 200: ok('Removed'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      '/moderation/posts/{id}/revisions/{revision}/restore': {
        parameters: [idParam(), { name: 'revision', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } }],
        post: { summary: 'Moderators: show a removed version of a post again; the body (an optional reason for the log) may be empty', requestBody: { ...body(restoreRevisionBody), required: false }, responses: { 200: ok('Restored'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/moderation/threads/{id}/move': {
        parameters: [idParam()],
        post: { summary: 'Moderators: move a thread to another (unarchived) channel by slug', requestBody: body(moveThreadInput), responses: { 200: ok('Moved'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/moderation/users': {
        get: {
          summary: 'Moderators: find people by name, email or username (`q`); without `q`, everyone silenced or suspended now',
          parameters: [{ name: 'q', in: 'query', schema: { type: 'string', minLength: 2, maxLength: 200 } }],
          responses: { 200: ok('People'), ...errors(400, 401, 403) },
        },
      },
      '/moderation/users/{id}': {
        parameters: [idParam()],
        get: { summary: 'Moderators: one person’s standing (silence, suspension)', responses: { 200: ok('Standing'), ...errors(401, 403, 404) } },
      },
      '/moderation/users/{id}/silence': {
        parameters: [idParam()],
        post: { summary: 'Moderators: read-only until the end date, with a reason. Not on yourself; moderators not on admins', requestBody: body(silenceUserInput), responses: { 200: ok('Silenced'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/moderation/users/{id}/unsilence': {
        parameters: [idParam()],
        post: { summary: 'Moderators: lift a silence now', requestBody: body(liftInput), responses: { 200: ok('Lifted'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/moderation/users/{id}/suspend': {
        parameters: [idParam()],
        post: { summary: 'Moderators: suspend with a reason, optionally until an end date; signs them out everywhere at once (sessions, sockets, API tokens)', requestBody: body(suspendUserInput), responses: { 200: ok('Suspended'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/moderation/users/{id}/unsuspend': {
        parameters: [idParam()],
        post: { summary: 'Moderators: lift a suspension now', requestBody: body(liftInput), responses: { 200: ok('Lifted'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/admin/staff-log': {
        get: {
          summary:
            'Moderators and admins: the staff action log, newest first; keyset pages (`cursor` = the previous page’s `nextCursor`). Sanctions lifted at their end date appear with `automatic: true`, `actorId: null` and `actorName` “Watchroom (automatic)”',
          parameters: [
            { name: 'actor', in: 'query', description: 'Who acted: email, username or user id', schema: { type: 'string' } },
            { name: 'action', in: 'query', description: 'e.g. `post.hide`, `user.suspend`', schema: { type: 'string' } },
            { name: 'target', in: 'query', description: 'Whom it was about: email, username or user id', schema: { type: 'string' } },
            { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } },
            { name: 'cursor', in: 'query', schema: { type: 'string' } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 50 } },
          ],
          responses: { 200: ok('Entries and nextCursor'), ...errors(400, 401, 403) },
        },
      },
      '/me/api-tokens': {
        get: sessionOnly({ summary: 'Your API tokens: name, prefix, scope, expiry, last use, state (never the secret)', responses: { 200: ok('Tokens'), ...errors(401, 403) } }),
        post: sessionOnly({
          summary: 'Create a token (`read` or `read_write`, 1–365 days, default 90). The secret is in this response only',
          requestBody: body(createApiTokenInput),
          responses: { 201: ok('Token, shown once'), ...errors(400, 401, 403, 409) },
        }),
      },
      '/me/api-tokens/{id}': {
        parameters: [idParam()],
        delete: sessionOnly({ summary: 'Revoke one of your tokens; it stops working at once', responses: { 200: ok('Revoked'), ...errors(401, 403, 404) } }),
      },
      '/admin/rooms': {
        get: { summary: 'Admins: every room’s reference, severity, status and opening time — never titles', responses: { 200: ok('Rooms'), ...errors(401, 403) } },
      },
      '/signups': {
        post: {
          summary: 'Public, no session: ask to join. Work email on the allowed domains, ODS code, job role, a sponsor (an existing member, by email) and a password. The same 202 answer whether or not the email or sponsor is known',
          security: [],
          requestBody: body(signupInput),
          responses: { 202: ok('Received'), ...errors(400, 429) },
        },
        get: { summary: 'Moderators: open sign-up requests with the sponsor’s answer and flags (e.g. “sponsor not found”)', responses: { 200: ok('Sign-up requests'), ...errors(401, 403) } },
      },
      '/signups/{id}/approve': {
        parameters: [idParam()],
        post: { summary: 'Moderators: approve; creates the member account and emails the applicant', requestBody: { ...body(approveInput), required: false }, responses: { 200: ok('Approved'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/signups/{id}/reject': {
        parameters: [idParam()],
        post: { summary: 'Moderators: reject with a reason (required), which the applicant is emailed', requestBody: body(rejectInput), responses: { 200: ok('Rejected'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/sponsor/requests': {
        get: { summary: 'Sign-up requests naming you as sponsor that wait for your answer', responses: { 200: ok('Requests'), ...errors(401) } },
      },
      '/sponsor/requests/{id}': {
        parameters: [idParam()],
        post: { summary: 'Vouch for or decline an applicant (a note is required to decline)', requestBody: body(sponsorResponseInput), responses: { 200: ok('Answered'), ...errors(400, 401, 404), ...forbidden(READ_ONLY_TOKEN) } },
      },
      '/directory/organisations': {
        get: {
          summary: 'Organisations (filter by `type`, `region`) with their active members; profile fields as each member allows',
          parameters: [
            { name: 'type', in: 'query', schema: { type: 'string' } },
            { name: 'region', in: 'query', schema: { type: 'string' } },
          ],
          responses: { 200: ok('Organisations'), ...errors(400, 401) },
        },
      },
      '/directory/people': {
        get: {
          summary: 'Active members, searchable by name, @username or organisation; profile fields as each member allows',
          parameters: [
            { name: 'q', in: 'query', schema: { type: 'string' } },
            { name: 'odsCode', in: 'query', schema: { type: 'string' } },
          ],
          responses: { 200: ok('People'), ...errors(400, 401) },
        },
      },
      '/me/profile': {
        get: { summary: 'Your profile and who sees each field', responses: { 200: ok('Profile'), ...errors(401) } },
        patch: { summary: 'Change your job role, bio and who sees each field (`members`, `organisation`, `staff`)', requestBody: body(profileInput), responses: { 200: ok('Profile'), ...errors(400, 401), ...forbidden(READ_ONLY_TOKEN) } },
      },
      '/admin/users': {
        get: { summary: 'Admins: accounts with role and status (`q`, `role`, `status`)', responses: { 200: ok('Users'), ...errors(400, 401, 403) } },
      },
      '/admin/users/{id}/role': {
        parameters: [idParam()],
        put: { summary: 'Admins: change a role with a reason; the person is signed out everywhere. The last admin cannot lose the role', requestBody: body(roleChangeInput), responses: { 200: ok('Changed'), ...errors(400, 401, 403, 404, 409) } },
      },
      '/admin/email-domains': {
        get: { summary: 'Admins: work-email domains that may request an account', responses: { 200: ok('Domains'), ...errors(401, 403) } },
        post: { summary: 'Admins: allow a domain', requestBody: body(addDomainInput), responses: { 201: ok('Added'), ...errors(400, 401, 403, 409) } },
      },
      '/admin/email-domains/{domain}': {
        parameters: [{ name: 'domain', in: 'path', required: true, schema: { type: 'string' } }],
        delete: { summary: 'Admins: remove a domain (existing accounts are not affected)', responses: { 204: { description: 'Removed' }, ...errors(401, 403, 404) } },
      },
    }),
  };
}
