import { DataTable } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';
import type { listRoomAudit } from '@/lib/incidents/room-audit';

/** For moderators and admins in the room: every view and change, who, when and from where. */
export function RoomAuditLog({ entries }: { entries: Awaited<ReturnType<typeof listRoomAudit>> }) {
  return (
    <details className="nhsuk-details" data-testid="room-audit">
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Audit trail ({entries.length} entries)</span>
      </summary>
      <div className="nhsuk-details__text">
        <DataTable
          caption="Audit trail, newest first"
          className="nhsuk-table--compact"
          columns={['When', 'Who', 'What', 'From']}
          rows={entries}
          row={(e) => (
            <tr className="nhsuk-table__row" key={e.id}>
              <td className="nhsuk-table__cell wr-nowrap">
                <DateTime value={e.createdAt} />
              </td>
              <td className="nhsuk-table__cell">{e.actorName ?? 'System'}</td>
              <td className="nhsuk-table__cell">
                {e.action}
                {Object.keys(e.detail).length ? <span className="nhsuk-body-s"> {JSON.stringify(e.detail)}</span> : null}
              </td>
              <td className="nhsuk-table__cell">{e.ip ?? '–'}</td>
            </tr>
          )}
        />
      </div>
    </details>
  );
}
