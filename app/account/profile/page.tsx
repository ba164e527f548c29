import type { Metadata } from 'next';
import { requireActor } from '@/app/_components/require-actor';
import { getMyProfile } from '@/lib/people/profile';
import { ProfileForm } from './profile-form';
import { AccountPage } from '../account-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your profile', robots: { index: false, follow: false } };

/** Your directory profile and who sees each field. */
export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const actor = await requireActor('/account/profile');
  const [profile, { saved }] = await Promise.all([getMyProfile(actor), searchParams]);
  return (
    <AccountPage title="Your profile">
      {saved ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Profile saved.</p>
        </div>
      ) : null}
      <p>
        How you appear in the <a href="/directory/people">member directory</a>. Incident-room membership is never shown there.
      </p>
      <ProfileForm profile={profile} />
      <p>
        People who ask to join Watchroom may name you as their sponsor: answer them in <a href="/sponsor">sponsor requests</a>.
      </p>
    </AccountPage>
  );
}
