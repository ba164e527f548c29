import type { Metadata } from 'next';
import { requireActor } from '@/app/_components/require-actor';
import { listDirectoryPeople } from '@/lib/people/directory';
import { DirectoryTabs, ProfileFields } from '../profile-fields';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'People', robots: { index: false, follow: false } };

/** Member directory: active members, searchable; each profile field as its owner allows. */
export default async function PeoplePage({ searchParams }: { searchParams: Promise<{ q?: string }> }) {
  const actor = await requireActor('/directory/people');
  const { q } = await searchParams;
  const query = typeof q === 'string' ? q.slice(0, 200) : '';
  const people = await listDirectoryPeople(actor, { q: query });
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Directory</h1>
      <DirectoryTabs current="people" />
      <form method="get" action="/directory/people" role="search" aria-label="People" className="nhsuk-u-margin-bottom-5">
        <div className="nhsuk-form-group">
          <label className="nhsuk-label" htmlFor="q">Search by name, @username or organisation</label>
          <input className="nhsuk-input nhsuk-u-width-one-half" id="q" name="q" type="search" defaultValue={query} />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">Search</button>
      </form>
      <p role="status">{people.length === 200 ? 'Showing the first 200 people. Search to narrow the list.' : `${people.length} ${people.length === 1 ? 'person' : 'people'}`}</p>
      <ul className="nhsuk-list nhsuk-list--border" data-testid="people-list">
        {people.map((p) => (
          <li key={p.id}>
            <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
              {p.name} {p.username ? <span className="nhsuk-body-s">@{p.username}</span> : null}
            </h2>
            <p className="nhsuk-body-s nhsuk-u-margin-bottom-1">{p.organisation} ({p.odsCode})</p>
            <ProfileFields person={p} />
          </li>
        ))}
      </ul>
      <p>
        Choose who sees your own details in <a href="/account/profile">your profile</a>.
      </p>
    </main>
  );
}
