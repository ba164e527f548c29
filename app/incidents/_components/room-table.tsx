import { DateTime } from '@/app/_components/date-time';
import { TlpTag } from '@/app/_components/tlp-banner';
import type { Tlp } from '@/lib/policy';
import { SeverityTag, StatusTag, type RoomStatus, type Severity } from './labels';
import { ScrollTable } from './scroll-table';

export type RoomRow = { id: string; reference: string; title: string; severity: Severity; status: RoomStatus; tlp: Tlp; createdAt: Date };

/** The member's own rooms as a table: the active list and the archived view share it. */
export function RoomTable({ rooms, caption, captionId }: { rooms: RoomRow[]; caption: string; captionId: string }) {
  return (
    <ScrollTable captionId={captionId}>
      <table className="nhsuk-table wr-incidents-table">
        <caption className="nhsuk-table__caption nhsuk-u-visually-hidden" id={captionId}>
          {caption}
        </caption>
        <thead className="nhsuk-table__head">
          <tr className="nhsuk-table__row">
            <th scope="col" className="nhsuk-table__header">Reference</th>
            <th scope="col" className="nhsuk-table__header">Title</th>
            <th scope="col" className="nhsuk-table__header">Severity</th>
            <th scope="col" className="nhsuk-table__header">Status</th>
            <th scope="col" className="nhsuk-table__header">TLP</th>
            <th scope="col" className="nhsuk-table__header">Opened</th>
          </tr>
        </thead>
        <tbody className="nhsuk-table__body">
          {rooms.map((room) => (
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
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
