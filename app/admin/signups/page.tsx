import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DateTime } from '@/app/_components/date-time';
import { requireActor } from '@/app/_components/require-actor';
import { mayManageEmailDomains, mayReviewSignups } from '@/lib/policy';
import { listSignupQueue } from '@/lib/vetting/review-signups';
import { DecideForms } from './decide-forms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign-up requests', robots: { index: false, follow: false } };

const sponsorAnswer = { vouched: 'Vouched', declined: 'Declined' } as const;

/** Moderators' queue of sign-up requests, oldest first, with the sponsor's answer and anything to check. */
export default async function SignupQueuePage({ searchParams }: { searchParams: Promise<{ done?: string }> }) {
  const actor = await requireActor('/admin/signups');
  if (!mayReviewSignups(actor)) notFound();
  const [queue, { done }] = await Promise.all([listSignupQueue(actor), searchParams]);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Sign-up requests</h1>
      {done === 'approved' || done === 'rejected' ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Request {done}. The applicant has been emailed.</p>
        </div>
      ) : null}
      {mayManageEmailDomains(actor) ? (
        <p>
          Applicants need a work email on an <a href="/admin/email-domains">allowed domain</a>. Change people’s roles in <a href="/admin/users">Users</a>.
        </p>
      ) : null}
      {queue.length === 0 ? (
        <p data-testid="signup-queue-empty">No requests are waiting.</p>
      ) : (
        queue.map((r) => (
          <section className="nhsuk-card" key={r.id} aria-labelledby={`signup-${r.id}`} data-testid="signup-request">
            <div className="nhsuk-card__content">
              <h2 className="nhsuk-card__heading nhsuk-heading-m" id={`signup-${r.id}`}>{r.name}</h2>
              {r.flags.length ? (
                <ul className="nhsuk-list wr-flags" aria-label="Check before deciding">
                  {r.flags.map((f) => (
                    <li key={f}>
                      <strong className="nhsuk-tag nhsuk-tag--orange">{f}</strong>
                    </li>
                  ))}
                </ul>
              ) : null}
              <dl className="nhsuk-summary-list">
                <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Email</dt><dd className="nhsuk-summary-list__value">{r.email}</dd></div>
                <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Organisation</dt><dd className="nhsuk-summary-list__value">{r.organisation} ({r.odsCode})</dd></div>
                <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Job role</dt><dd className="nhsuk-summary-list__value">{r.jobRole}</dd></div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Sponsor</dt>
                  <dd className="nhsuk-summary-list__value">{r.sponsorName ? `${r.sponsorName} (${r.sponsorEmail})` : `${r.sponsorEmail} — not a member`}</dd>
                </div>
                <div className="nhsuk-summary-list__row">
                  <dt className="nhsuk-summary-list__key">Sponsor’s answer</dt>
                  <dd className="nhsuk-summary-list__value" data-testid="sponsor-answer">
                    {r.sponsorDecision ? sponsorAnswer[r.sponsorDecision] : 'No answer yet'}
                    {r.sponsorNote ? <><br />“{r.sponsorNote}”</> : null}
                  </dd>
                </div>
                <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Asked</dt><dd className="nhsuk-summary-list__value"><DateTime value={r.createdAt} /></dd></div>
              </dl>
              <DecideForms requestId={r.id} applicant={r.name} />
            </div>
          </section>
        ))
      )}
    </main>
  );
}
