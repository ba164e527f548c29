import type { Metadata } from 'next';
import { requireActor } from '@/app/_components/require-actor';
import { schema } from '@/db/client';
import { listDirectoryOrganisations } from '@/lib/people/directory';
import { DirectoryTabs, ProfileFields, typeLabel } from '../profile-fields';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Organisations', robots: { index: false, follow: false } };


/** Organisations by type and region, with their active members. */
export default async function OrganisationsPage({ searchParams }: { searchParams: Promise<{ type?: string; region?: string }> }) {
  const actor = await requireActor('/directory/organisations');
  const search = await searchParams;
  const type = (schema.organisationType.enumValues as readonly string[]).includes(search.type ?? '') ? search.type : undefined;
  const region = typeof search.region === 'string' && search.region ? search.region.slice(0, 100) : undefined;
  const { filters, organisations } = await listDirectoryOrganisations(actor, { type, region });
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Directory</h1>
      <DirectoryTabs current="organisations" />
      <form method="get" action="/directory/organisations" role="search" aria-label="Organisations" className="nhsuk-u-margin-bottom-5">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-third nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="type">Type</label>
            <select className="nhsuk-select" id="type" name="type" defaultValue={type ?? ''}>
              <option value="">Any type</option>
              {filters.types.map((t) => <option key={t} value={t}>{typeLabel[t]}</option>)}
            </select>
          </div>
          <div className="nhsuk-grid-column-one-third nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="region">Region</label>
            <select className="nhsuk-select" id="region" name="region" defaultValue={region ?? ''}>
              <option value="">Any region</option>
              {filters.regions.map((r) => <option key={r} value={r}>{r}</option>)}
            </select>
          </div>
        </div>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">Filter</button>
      </form>
      <p role="status">{`${organisations.length} ${organisations.length === 1 ? 'organisation' : 'organisations'}`}</p>
      {organisations.map((o) => (
        <section key={o.odsCode} aria-labelledby={`org-${o.odsCode}`} className="nhsuk-u-margin-bottom-6" data-testid="directory-organisation">
          <h2 className="nhsuk-heading-m nhsuk-u-margin-bottom-1" id={`org-${o.odsCode}`}>{o.name}</h2>
          <p className="nhsuk-body-s">
            {o.odsCode} · {typeLabel[o.type]}{o.region ? ` · ${o.region}` : ''}
          </p>
          {o.members.length === 0 ? (
            <p className="nhsuk-body-s">No members yet.</p>
          ) : (
            <ul className="nhsuk-list nhsuk-list--border">
              {o.members.map((m) => (
                <li key={m.id}>
                  <h3 className="nhsuk-heading-xs nhsuk-u-margin-bottom-1">
                    {m.name} {m.username ? <span className="nhsuk-body-s">@{m.username}</span> : null}
                  </h3>
                  <ProfileFields person={m} />
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </main>
  );
}
