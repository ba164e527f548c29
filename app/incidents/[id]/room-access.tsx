import { DateTime } from '@/app/_components/date-time';
import type { listRoomAccess } from '@/lib/incidents/room-membership';
import { DataTable } from '@/app/_components/data-table';
import { MemberControls } from './member-controls';
import { changeRoleAction, removeMemberAction } from './membership-actions';

type Access = Awaited<ReturnType<typeof listRoomAccess>>[number];

const sourceText: Record<Access['source'], string> = {
  creator: 'Opened the room',
  person: 'Invited by name',
  organisation: 'Through their organisation',
  nomination: 'Nominated by a colleague',
  staff_entry: 'Staff entry',
};
const roleText = { lead: 'Lead', member: 'Member', observer: 'Observer' } as const;

/** "Who can see this and why": everyone with access now, how they got it, who granted it and when. */
export function RoomAccess({ roomId, members, canManage, myId }: { roomId: string; members: Access[]; canManage: boolean; myId: string }) {
  return (
    <section aria-labelledby="access-heading" data-testid="room-access">
      <h2 id="access-heading">Who can see this room and why</h2>
      <p>
        {members.length} {members.length === 1 ? 'person has' : 'people have'} access.
      </p>
      <DataTable
        caption="People with access to this room"
        captionId="access-caption"
        className="nhsuk-table--compact"
        scroll="region"
        columns={['Person', 'Role', 'How', 'Granted by', 'When', ...(canManage ? ['Manage'] : [])]}
        rows={members}
        row={(m) => (
          <tr className="nhsuk-table__row" key={m.userId} data-member-id={m.userId}>
            <td className="nhsuk-table__cell">
              {m.name}
              <br />
              <span className="nhsuk-body-s">
                {m.organisationName} ({m.odsCode})
              </span>
            </td>
            <td className="nhsuk-table__cell">{roleText[m.role]}</td>
            <td className="nhsuk-table__cell">{sourceText[m.source]}</td>
            <td className="nhsuk-table__cell">{m.grantedById === m.userId ? '–' : m.grantedByName}</td>
            <td className="nhsuk-table__cell wr-nowrap">
              <DateTime value={m.grantedAt} />
            </td>
            {canManage ? (
              <td className="nhsuk-table__cell">
                {m.userId === myId ? (
                  <span className="nhsuk-body-s">You</span>
                ) : (
                  <MemberControls
                    name={m.name}
                    role={m.role}
                    roleAction={changeRoleAction.bind(null, roomId, m.userId)}
                    removeAction={removeMemberAction.bind(null, roomId, m.userId)}
                  />
                )}
              </td>
            ) : null}
          </tr>
        )}
      />
    </section>
  );
}
