import type { Metadata } from 'next';
import { DateTime } from '@/app/_components/date-time';
import { TlpTag } from '@/app/_components/tlp-banner';
import { requireActor } from '@/app/_components/require-actor';
import { listMyInvitations } from '@/lib/incidents/invitations';
import { listRooms } from '@/lib/incidents/list-rooms';
import { listMyReminders } from '@/lib/incidents/status-reminders';
import { mayOpenRoom } from '@/lib/policy';
import { SeverityTag, StatusTag } from './_components/labels';
import { MyInvitations } from './_components/my-invitations';
import { ScrollTable } from './_components/scroll-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Incident rooms' };

export default async function IncidentRoomsPage() {
  const actor = await requireActor('/incidents');
  const rooms = await listRooms(actor);
  const invitations = await listMyInvitations(actor);
  const reminders = await listMyReminders(actor);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Incident rooms</h1>
      <p className="nhsuk-lede-text">Invite-only rooms for organisations affected by an incident. You see only the rooms you are a member of.</p>
      {mayOpenRoom(actor) ? (
        <a className="nhsuk-button" href="/incidents/new" draggable="false">
          Open an incident room
        </a>
      ) : null}
      {reminders.length ? (
        <div className="nhsuk-warning-callout" data-testid="update-reminders">
          <h2 className="nhsuk-warning-callout__label">
            <span role="text">
              <span className="nhsuk-u-visually-hidden">Important: </span>Status updates due
            </span>
          </h2>
          <ul className="nhsuk-list">
            {reminders.map((r) => (
              <li key={r.id}>
                <a href={`/incidents/${r.roomId}`}>{r.reference}</a>: no status update since the reminder at <DateTime value={r.createdAt} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <MyInvitations invitations={invitations} />
      {rooms.length === 0 ? (
        <p>You are not a member of any incident room.</p>
      ) : (
        <ScrollTable captionId="rooms-caption">
          <table className="nhsuk-table wr-incidents-table">
            <caption className="nhsuk-table__caption nhsuk-u-visually-hidden" id="rooms-caption">Your incident rooms, newest first</caption>
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
      )}
    </main>
  );
}
