import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { currentSession } from '@/lib/auth/request-actor';
import { config } from '@/lib/config';
import { isSafeRelativePath } from '../_components/require-actor';
import { CodeForm } from './code-form';
import { SignInForm, type InitialError } from './sign-in-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Sign in' };

type Search = { callbackUrl?: string | string[]; error?: string | string[] };

/** Only a path on this site may be the place we return to; anything else (other origins, `//x`) goes home. */
function safeCallback(raw: string | string[] | undefined): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return '/';
  if (isSafeRelativePath(value)) return value;
  // next-auth hands over absolute URLs of our own origin: keep only their path.
  try {
    const url = new URL(value);
    const path = `${url.pathname}${url.search}${url.hash}`;
    return url.origin === new URL(config().publicUrl).origin && isSafeRelativePath(path) ? path : '/';
  } catch {
    return '/';
  }
}

/** Only our own messages may come back through the address bar; anything else is a generic failure. */
const LOCKED_OUT = /^Too many sign-in attempts\. Try again in \d{1,4} minutes?\.$/;

function initialError(error: string | undefined): InitialError | undefined {
  if (!error) return undefined;
  if (error === 'CredentialsSignin') return { kind: 'credentials' };
  if (LOCKED_OUT.test(error)) return { kind: 'locked', message: error };
  return { kind: 'other' };
}

/**
 * Sign-in in steps: email and password; then, for accounts with two-step verification, a code from
 * their app (or a recovery code); accounts whose role needs it but have not set it up go to set it up.
 * Also next-auth's error page: `?error=CredentialsSignin` and friends arrive here.
 */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const callbackUrl = safeCallback(search.callbackUrl);
  const session = await currentSession();
  if (session?.state === 'active') redirect(callbackUrl === '/sign-in' ? '/' : callbackUrl);
  if (session?.state === 'mfa_enrol') redirect('/account/mfa');
  const error = Array.isArray(search.error) ? search.error[0] : search.error;
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {session?.state === 'mfa_code' ? (
            <CodeForm callbackUrl={callbackUrl} />
          ) : (
            <>
              <SignInForm callbackUrl={callbackUrl} initialError={initialError(error)} />
              <h2 className="nhsuk-heading-s nhsuk-u-margin-top-6">New to Watchroom?</h2>
              <p>
                Watchroom is for health and care cyber security staff. <a href="/sign-up">Ask for an account</a> with your work email and a
                colleague who is already a member to vouch for you.
              </p>
            </>
          )}
        </div>
      </div>
    </main>
  );
}
