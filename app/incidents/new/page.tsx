import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { currentActor, requireActor } from '@/app/_components/require-actor';
import { listOrganisations } from '@/lib/people/organisations';
import { mayOpenRoom } from '@/lib/policy';
import { NewRoomForm } from './new-room-form';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const actor = await currentActor();
  if (!actor) return { title: 'Sign in' };
  return { title: mayOpenRoom(actor) ? 'Open an incident room' : 'Page not found' };
}

export default async function NewIncidentRoomPage() {
  const actor = await requireActor('/incidents/new');
  if (!mayOpenRoom(actor)) notFound();
  const organisations = await listOrganisations(actor);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb items={[{ href: '/incidents', text: 'Incident rooms' }]} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Open an incident room</h1>
          <p>
            The room is private to the people and organisations you invite. For a high or critical incident, everyone invited gets a text
            with the public headline, and a public bulletin is published.
          </p>
          <NewRoomForm organisations={organisations.map((o) => ({ odsCode: o.odsCode, name: o.name }))} />
        </div>
      </div>
    </main>
  );
}
