import type { Metadata } from 'next';
import { getMyClosureRequest } from '@/lib/people/close-account';
import { DateTime } from '../../_components/date-time';
import { requireActor } from '../../_components/require-actor';
import { CloseAccountForm } from './close-form';
import { AccountPage } from '../account-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Close your account', robots: { index: false, follow: false } };

export default async function CloseAccountPage() {
  const actor = await requireActor('/account/close');
  const requestedAt = await getMyClosureRequest(actor);
  return (
    <AccountPage title="Close your account">
      {requestedAt ? (
        <p data-testid="closure-pending">
          You asked for your account to be closed on <DateTime value={requestedAt} />. A moderator will close it soon.
        </p>
      ) : (
        <>
          <p>When your account is closed:</p>
          <ul className="nhsuk-list nhsuk-list--bullet">
            <li>you are signed out everywhere and cannot sign in again</li>
            <li>your name, email address, mobile number and profile are removed</li>
            <li>your posts stay, shown as written by “a former member”</li>
            <li>records we must keep, such as the audit trail of incident rooms, are kept</li>
          </ul>
          <p>
            You may want to <a href="/account/data">download your data</a> first. A moderator completes the closure.
          </p>
          <CloseAccountForm />
        </>
      )}
    </AccountPage>
  );
}
