import type { Metadata } from 'next';
import { DateTime } from '@/app/_components/date-time';
import { requireActor } from '@/app/_components/require-actor';
import { listSponsorRequests } from '@/lib/vetting/sponsor-requests';
import { SponsorForm } from './sponsor-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sponsor requests', robots: { index: false, follow: false } };

/** Sign-up requests that name you as sponsor: vouch or decline, then moderators decide. */
export default async function SponsorPage({ searchParams }: { searchParams: Promise<{ answered?: string }> }) {
  const actor = await requireActor('/sponsor');
  const [requests, { answered }] = await Promise.all([listSponsorRequests(actor), searchParams]);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Sponsor requests</h1>
      {answered === 'vouched' || answered === 'declined' ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Thank you. Your answer ({answered}) has gone to the moderators.</p>
        </div>
      ) : null}
      <p>People who asked to join Watchroom named you as someone who knows their work. Only vouch for people you know in that role.</p>
      {requests.length === 0 ? (
        <p data-testid="no-sponsor-requests">Nobody is waiting for your answer.</p>
      ) : (
        requests.map((r) => (
          <section className="nhsuk-card" key={r.id} aria-labelledby={`applicant-${r.id}`} data-testid="sponsor-request">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m" id={`applicant-${r.id}`}>{r.name}</h2>
              <dl className="nhsuk-summary-list">
                <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Email</dt><dd className="nhsuk-summary-list__value">{r.email}</dd></div>
                <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Organisation</dt><dd className="nhsuk-summary-list__value">{r.organisation} ({r.odsCode})</dd></div>
                <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Job role</dt><dd className="nhsuk-summary-list__value">{r.jobRole}</dd></div>
                <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Asked</dt><dd className="nhsuk-summary-list__value"><DateTime value={r.createdAt} /></dd></div>
              </dl>
              <SponsorForm requestId={r.id} applicant={r.name} />
            </div>
          </section>
        ))
      )}
    </main>
  );
}
