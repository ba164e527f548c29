import type { listRoomInvitations } from '@/lib/incidents/invitations';
import type { listRoomAccess } from '@/lib/incidents/room-membership';
import { inviteAction, nominateAction, revokeInvitationAction } from './invitation-actions';
import { RoomAccess } from './room-access';
import { RoomInvitations } from './room-invitations';
import { RoomNominate } from './room-nominate';

type Room = { id: string; tlp: string; status: string; canManage: boolean };

/** Who is in the room and how they got there; for leads, invitations; for incident contacts, nominations. */
export function RoomPeople({
  room,
  access,
  invitations,
  canNominate,
  actorId,
}: {
  room: Room;
  access: Awaited<ReturnType<typeof listRoomAccess>>;
  invitations: Awaited<ReturnType<typeof listRoomInvitations>> | null;
  canNominate: boolean;
  actorId: string;
}) {
  const open = room.status !== 'closed';
  return (
    <>
      <RoomAccess roomId={room.id} members={access} canManage={room.canManage} myId={actorId} />
      {room.canManage && invitations && open ? (
        <RoomInvitations
          red={room.tlp === 'RED'}
          invitations={invitations.map((i) => ({ ...i, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString() }))}
          inviteAction={inviteAction.bind(null, room.id)}
          revokeActions={Object.fromEntries(
            invitations.filter((i) => i.status === 'pending').map((i) => [i.id, revokeInvitationAction.bind(null, room.id, i.id)]),
          )}
        />
      ) : null}
      {canNominate ? <RoomNominate tlp={room.tlp} action={nominateAction.bind(null, room.id)} /> : null}
    </>
  );
}
