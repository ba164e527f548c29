import type { Server } from 'socket.io';

/**
 * Live events carry ids only; clients refetch through the authorised API. The socket.io server is
 * created by server.ts and shared with Next's bundles through globalThis.
 */
type Holder = { __watchroomIo?: Server };

export function setIo(io: Server | undefined) {
  (globalThis as Holder).__watchroomIo = io;
}

export function getIo(): Server | undefined {
  return (globalThis as Holder).__watchroomIo;
}

export const channelRoom = (channelId: string) => `channel:${channelId}`;
export const threadRoom = (threadId: string) => `thread:${threadId}`;
export const incidentRoom = (roomId: string) => `incident:${roomId}`;
export const userRoom = (userId: string) => `user:${userId}`;

/** A channel's name, description or archiving changed: open channel pages re-render. */
export function emitChannelUpdated(channelId: string) {
  getIo()?.to(channelRoom(channelId)).emit('channel:updated', { channelId });
}

export function emitThreadCreated(channelId: string, threadId: string) {
  getIo()?.to(channelRoom(channelId)).emit('thread:created', { channelId, threadId });
}

export function emitPostCreated(channelId: string, threadId: string, postId: string) {
  getIo()?.to([threadRoom(threadId), channelRoom(channelId)]).emit('post:created', { threadId, postId });
}

export function emitRoomPostCreated(roomId: string, postId: string) {
  getIo()?.to(incidentRoom(roomId)).emit('room:post:created', { roomId, postId });
}

export function emitRoomSmsChanged(roomId: string) {
  getIo()?.to(incidentRoom(roomId)).emit('room:sms:changed', { roomId });
}

/** Removal is immediate: the person's open sockets leave the room now, not at their next sign-in. */
export function removeUserFromIncidentSockets(userId: string, roomId: string) {
  getIo()?.in(userRoom(userId)).socketsLeave(incidentRoom(roomId));
}

export function disconnectUserSockets(userId: string) {
  getIo()?.in(userRoom(userId)).disconnectSockets(true);
}

/** Tells each person's open tabs that their notifications changed; they refetch the count. */
export function emitNotificationsChanged(userIds: string[]) {
  const io = getIo();
  if (!io || userIds.length === 0) return;
  io.to(userIds.map(userRoom)).emit('notifications:changed', {});
}

export function emitPostUpdated(channelId: string, threadId: string, postId: string) {
  getIo()?.to([threadRoom(threadId), channelRoom(channelId)]).emit('post:updated', { threadId, postId });
}

export function emitPostDeleted(channelId: string, threadId: string, postId: string) {
  getIo()?.to([threadRoom(threadId), channelRoom(channelId)]).emit('post:deleted', { threadId, postId });
}

export function emitThreadUpdated(channelId: string, threadId: string) {
  getIo()?.to([threadRoom(threadId), channelRoom(channelId)]).emit('thread:updated', { channelId, threadId });
}

/** The room's facts, timeline or membership changed: members refetch through the API. */
export function emitRoomChanged(roomId: string) {
  getIo()?.to(incidentRoom(roomId)).emit('room:changed', { roomId });
}

/** Tells one person's open tabs that their access to a room changed (they reload and see what they now may). */
export function emitRoomAccessChanged(userId: string, roomId: string) {
  getIo()?.to(userRoom(userId)).emit('room:access:changed', { roomId });
}

/** Tells invitees' open tabs that their invitations changed (ids only; they refetch). */
export function emitInvitationsChanged(userIds: string[]) {
  const io = getIo();
  if (!io || userIds.length === 0) return;
  io.to(userIds.map(userRoom)).emit('invitations:changed', {});
}

/** An organisation's status in the room changed: members refetch the board. */
export function emitRoomOrgStatusChanged(roomId: string) {
  getIo()?.to(incidentRoom(roomId)).emit('room:org-status:changed', { roomId });
}

/** A lead has a new reminder to post a status update (ids only). */
export function emitRoomReminder(userIds: string[], roomId: string) {
  const io = getIo();
  if (!io || userIds.length === 0) return;
  io.to(userIds.map(userRoom)).emit('room:reminder', { roomId });
}

/** An admin entered the room as staff: its members (and so its leads) refetch; ids only. */
export function emitRoomStaffEntry(roomId: string, userId: string) {
  getIo()?.to(incidentRoom(roomId)).emit('room:staff-entry', { roomId, userId });
}
