import type { Metadata } from 'next';
import { DateTime } from '@/app/_components/date-time';
import { requireActor } from '@/app/_components/require-actor';
import { listMyInvitations } from '@/lib/incidents/invitations';
import { listRooms } from '@/lib/incidents/list-rooms';
import { listMyReminders } from '@/lib/incidents/status-reminders';
import { mayOpenRoom } from '@/lib/policy';
import { MyInvitations } from './_components/my-invitations';
import { RoomTable } from './_components/room-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Incident rooms' };

export default async function IncidentRoomsPage() {
  const actor = await requireActor('/incidents');
  const rooms = await listRooms(actor, { view: 'active' });
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
        <p>You are not a member of any active incident room.</p>
      ) : (
        <RoomTable rooms={rooms} caption="Your incident rooms, newest first" captionId="rooms-caption" />
      )}
      <p>
        <a href="/incidents/archived">Archived rooms</a>
        <span className="nhsuk-body-s"> – closed rooms that have been archived stay readable to their members.</span>
      </p>
    </main>
  );
}
