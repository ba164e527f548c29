import type { Metadata } from 'next';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { requireActor } from '@/app/_components/require-actor';
import { listRooms } from '@/lib/incidents/list-rooms';
import { RoomTable } from '../_components/room-table';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Archived incident rooms' };

/** The member's own archived rooms: closed, archived, still readable to them. Nobody sees rooms they are not in. */
export default async function ArchivedRoomsPage() {
  const actor = await requireActor('/incidents/archived');
  const rooms = await listRooms(actor, { view: 'archived' });
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb items={[{ href: '/incidents', text: 'Incident rooms' }]} />
      <h1>Archived incident rooms</h1>
      <p className="nhsuk-lede-text">Closed rooms that have been archived. They are read-only; you see only the ones you are a member of.</p>
      {rooms.length === 0 ? (
        <p>You are not a member of any archived incident room.</p>
      ) : (
        <RoomTable rooms={rooms} caption="Your archived incident rooms, newest first" captionId="archived-rooms-caption" />
      )}
    </main>
  );
}
