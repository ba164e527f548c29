import { getActor } from '@/lib/auth/request-actor';

export const dynamic = 'force-dynamic';

export default async function Home() {
  const actor = await getActor();
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Watchroom</h1>
      <p>{actor ? `Signed in as ${actor.name}` : 'Not signed in'}</p>
    </main>
  );
}
