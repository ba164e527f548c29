import type { Metadata } from 'next';
import { requireActor } from '../../_components/require-actor';
import { AccountPage } from '../account-page';
import { PasswordForm } from './password-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Change your password', robots: { index: false, follow: false } };

export default async function PasswordPage() {
  await requireActor('/account/password');
  return (
    <AccountPage title="Change your password">
      <p>Changing your password signs you out of every other browser and device. You stay signed in here.</p>
      <PasswordForm />
    </AccountPage>
  );
}
