import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentActor } from '@/app/_components/require-actor';
import { listSignupOrganisations } from '@/lib/vetting/request-signup';
import { SIGNUP_RECEIVED_MESSAGE } from '@/lib/vetting/signup-input';
import { SignupForm } from './signup-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Request an account' };

/** Public: ask to join. A sponsor vouches, then a moderator decides; the applicant is emailed either way. */
export default async function SignUpPage() {
  if (await currentActor()) redirect('/');
  const organisations = await listSignupOrganisations();
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Request a Watchroom account</h1>
          <p>Watchroom is for people who work in cyber security or IT in NHS and care organisations. To join you need:</p>
          <ul>
            <li>a work email address from an approved organisation domain</li>
            <li>a sponsor: an existing member who knows your work and will vouch for you</li>
          </ul>
          <p>A moderator reviews every request. We will email you with their decision.</p>
          <SignupForm organisations={organisations} receivedMessage={SIGNUP_RECEIVED_MESSAGE} />
          <p>
            Already a member? <a href="/sign-in">Sign in</a>
          </p>
        </div>
      </div>
    </main>
  );
}
