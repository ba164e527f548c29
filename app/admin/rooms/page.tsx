import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DateTime } from '@/app/_components/date-time';
import { DataTable } from '@/app/_components/data-table';
import { requireActor, staffPageMetadata } from '@/app/_components/require-actor';
import { SeverityTag, StatusTag } from '@/app/incidents/_components/labels';
import { listRoomRegister } from '@/lib/incidents/room-audit';
import { mayEnterRoomAsStaff } from '@/lib/policy';
import { enterRoomAction } from './actions';
import { EnterRoomForm } from './enter-room-form';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffPageMetadata('Room register', mayEnterRoomAsStaff);

/** Admins: every room by reference, severity, status and opening time — never titles. */
export default async function RoomRegisterPage() {
  const actor = await requireActor('/admin/rooms');
  if (!mayEnterRoomAsStaff(actor)) notFound();
  const rooms = await listRoomRegister(actor);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Room register</h1>
      <p>
        Rooms are listed without titles. To enter a room you are not in, give a reason: you join as an observer, the entry is audited and the room’s leads
        are told.
      </p>
      <DataTable
        caption="Every incident room, newest first"
        captionId="register-caption"
        scroll="region"
        columns={['Reference', 'Severity', 'Status', 'Opened', 'Access']}
        rows={rooms}
        row={(r) => (
          <tr className="nhsuk-table__row" key={r.id}>
            <td className="nhsuk-table__cell wr-nowrap">{r.reference}</td>
            <td className="nhsuk-table__cell">
              <SeverityTag severity={r.severity} />
            </td>
            <td className="nhsuk-table__cell">
              <StatusTag status={r.status} />
            </td>
            <td className="nhsuk-table__cell">
              <DateTime value={r.createdAt} />
            </td>
            <td className="nhsuk-table__cell">
              {r.member ? <a href={`/incidents/${r.id}`}>Open (you are a member)</a> : <EnterRoomForm reference={r.reference} action={enterRoomAction.bind(null, r.id)} />}
            </td>
          </tr>
        )}
      />
    </main>
  );
}
