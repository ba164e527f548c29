import type { Metadata } from 'next';
import { requireActor } from '@/app/_components/require-actor';
import { getMobileStatus } from '@/lib/alerts/mobile-verification-status';
import { removeMobileAction } from './actions';
import { ConfirmCodeForm, SendCodeForm } from './mobile-forms';
import { AccountNav } from '../account-nav';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your mobile number', robots: { index: false, follow: false } };

const national = (e164: string) => `0${e164.slice(3, 7)} ${e164.slice(7)}`;

export default async function MobilePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor('/account/mobile');
  const [status, params] = await Promise.all([getMobileStatus(actor), searchParams]);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Your mobile number</h1>
      <AccountNav />
      <p>Watchroom texts this number when you are in a high or critical incident room. Only verified numbers are texted.</p>
      {params.verified === '1' && status.verified && (
        <div className="nhsuk-inset-text" role="status"><p>Your mobile number is verified.</p></div>
      )}
      {params.removed === '1' && (
        <div className="nhsuk-inset-text" role="status"><p>Your mobile number was removed.</p></div>
      )}
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Mobile</dt>
          <dd className="nhsuk-summary-list__value" data-testid="mobile-status">
            {status.mobile ? `${national(status.mobile)} (${status.verified ? 'verified' : 'not verified, not texted'})` : 'None'}
          </dd>
        </div>
      </dl>
      {status.pending && (
        <>
          <h2>Enter the code</h2>
          <p>We texted a code to {national(status.pending.mobile)}.</p>
          <ConfirmCodeForm />
        </>
      )}
      <h2>{status.mobile ? 'Change your number' : 'Add your number'}</h2>
      {status.verified && <p>Changing your number stops texts to the old one at once; the new one is texted once you confirm its code.</p>}
      <SendCodeForm current={status.mobile && !status.verified ? national(status.mobile) : ''} buttonLabel={status.pending ? 'Send a new code' : 'Send a code'} codePending={Boolean(status.pending)} />
      {status.mobile && (
        <form action={removeMobileAction}>
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">Remove my mobile number</button>
        </form>
      )}
    </main>
  );
}
