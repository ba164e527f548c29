import { DateTime } from '@/app/_components/date-time';
import { DataTable } from '@/app/_components/data-table';
import { TlpTag } from '@/app/_components/tlp-banner';
import type { Tlp } from '@/lib/policy';
import { SeverityTag, StatusTag, type RoomStatus, type Severity } from './labels';

export type RoomRow = { id: string; reference: string; title: string; severity: Severity; status: RoomStatus; tlp: Tlp; createdAt: Date };

/** The member's own rooms as a table: the active list and the archived view share it. */
export function RoomTable({ rooms, caption, captionId }: { rooms: RoomRow[]; caption: string; captionId: string }) {
  return (
    <DataTable
      caption={caption}
      captionId={captionId}
      className="wr-incidents-table"
      scroll="region"
      columns={['Reference', 'Title', 'Severity', 'Status', 'TLP', 'Opened']}
      rows={rooms}
      row={(room) => (
        <tr className="nhsuk-table__row" key={room.id}>
          <td className="nhsuk-table__cell wr-nowrap">{room.reference}</td>
          <td className="nhsuk-table__cell">
            <a href={`/incidents/${room.id}`}>{room.title}</a>
          </td>
          <td className="nhsuk-table__cell">
            <SeverityTag severity={room.severity} />
          </td>
          <td className="nhsuk-table__cell">
            <StatusTag status={room.status} />
          </td>
          <td className="nhsuk-table__cell">
            <TlpTag tlp={room.tlp} />
          </td>
          <td className="nhsuk-table__cell">
            <DateTime value={room.createdAt} />
          </td>
        </tr>
      )}
    />
  );
}
