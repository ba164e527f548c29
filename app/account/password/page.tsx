import type { Metadata } from 'next';
import { requireActor } from '../../_components/require-actor';
import { AccountNav } from '../account-nav';
import { PasswordForm } from './password-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Change your password', robots: { index: false, follow: false } };

export default async function PasswordPage() {
  await requireActor('/account/password');
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Change your password</h1>
          <AccountNav />
          <p>Changing your password signs you out of every other browser and device. You stay signed in here.</p>
          <PasswordForm />
        </div>
      </div>
    </main>
  );
}
