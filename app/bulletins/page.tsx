import type { Metadata } from 'next';
import { DateTime } from '@/app/_components/date-time';
import { TlpBanner } from '@/app/_components/tlp-banner';
import { SeverityTag, StatusTag } from '@/app/incidents/_components/labels';
import { listPublicBulletins } from '@/lib/incidents/list-public-bulletins';

// Public, like each bulletin: server-rendered, no sign-in, no client components.
export const dynamic = 'force-dynamic';
export const metadata: Metadata = {
  title: 'Public bulletins',
  alternates: { types: { 'application/atom+xml': [{ url: '/bulletins/feed.xml', title: 'Watchroom public bulletins' }] } },
};

export default async function PublicBulletinsPage() {
  const bulletins = await listPublicBulletins();
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <TlpBanner tlp="CLEAR" />
      <h1>Public bulletins</h1>
      <p>Public updates on high and critical cyber incidents affecting health and care organisations, most recently updated first.</p>
      {bulletins.length === 0 ? (
        <p>There are no public bulletins.</p>
      ) : (
        <ul className="nhsuk-list wr-bulletin-list">
          {bulletins.map((b) => (
            <li key={b.reference} className="wr-bulletin-version">
              <h2 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
                <a href={`/bulletins/${b.reference}`}>{b.headline}</a>
              </h2>
              <p className="nhsuk-body-s nhsuk-u-margin-bottom-0">
                <span className="wr-nowrap">{b.reference}</span> · <span className="nhsuk-u-visually-hidden">Severity: </span>
                <SeverityTag severity={b.severity} /> <span className="nhsuk-u-visually-hidden">Status: </span>
                <StatusTag status={b.status} /> · Last updated <DateTime value={b.updatedAt} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
