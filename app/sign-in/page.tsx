import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { config } from '@/lib/config';
import { currentActor, isSafeRelativePath } from '../_components/require-actor';
import { SignInForm } from './sign-in-form';

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

/** Also next-auth's sign-in and error page: `?error=CredentialsSignin` and friends arrive here. */
export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const callbackUrl = safeCallback(search.callbackUrl);
  if (await currentActor()) redirect(callbackUrl === '/sign-in' ? '/' : callbackUrl);
  const error = Array.isArray(search.error) ? search.error[0] : search.error;
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <SignInForm callbackUrl={callbackUrl} initialError={error ? (error === 'CredentialsSignin' ? 'credentials' : 'other') : undefined} />
        </div>
      </div>
    </main>
  );
}
