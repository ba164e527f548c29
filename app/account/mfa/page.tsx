import type { Metadata } from 'next';
import { getMfaStatus } from '@/lib/auth/get-mfa-status';
import { DateTime } from '../../_components/date-time';
import { AccountNav } from '../account-nav';
import { mfaPageActor } from './mfa-actor';
import { ConfirmEnrolment, DisableMfa, RegenerateCodes, StartEnrolment } from './mfa-forms';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Two-step verification', robots: { index: false, follow: false } };

type Search = { searchParams: Promise<{ off?: string }> };

/** "ABCD EFGH …": easier to type from the screen into an app. */
function grouped(secret: string) {
  return secret.replace(/(.{4})/g, '$1 ').trim();
}

/**
 * Two-step verification with an authenticator app: set up (QR code or typed key, then a code to
 * confirm, then recovery codes once), new recovery codes, or turn it off. People whose role needs it
 * land here after signing in and can do nothing else until it is on.
 */
export default async function MfaPage({ searchParams }: Search) {
  const actor = await mfaPageActor();
  const [status, search] = await Promise.all([getMfaStatus(actor), searchParams]);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Two-step verification</h1>
          {status.required && !status.enabled ? (
            <div className="nhsuk-warning-callout" data-testid="mfa-required">
              <h2 className="nhsuk-warning-callout__label">
                <span role="text">
                  <span className="nhsuk-u-visually-hidden">Important: </span>
                  Set this up to continue
                </span>
              </h2>
              <p>Your role in Watchroom needs two-step verification. You can use Watchroom once it is set up.</p>
            </div>
          ) : (
            <AccountNav />
          )}
          {search.off && !status.enabled ? (
            <div className="nhsuk-inset-text" role="status">
              <p>Two-step verification is off.</p>
            </div>
          ) : null}
          <p>
            When you sign in, Watchroom will also ask for a 6-digit code from an authenticator app on your phone, such as Microsoft Authenticator or Google
            Authenticator. Someone who learns your password still cannot sign in as you.
          </p>

          {status.enabled ? (
            <>
              <p data-testid="mfa-on">
                <strong className="nhsuk-tag nhsuk-tag--green">On</strong> since {status.enabledAt ? <DateTime value={status.enabledAt} /> : null}. You have{' '}
                {status.recoveryCodesLeft} unused recovery code{status.recoveryCodesLeft === 1 ? '' : 's'}.
              </p>
              <RegenerateCodes />
              {status.required ? <p>Your role needs two-step verification, so it cannot be turned off.</p> : <DisableMfa />}
            </>
          ) : status.pending ? (
            <>
              <h2>1. Add Watchroom to your app</h2>
              <p>In your authenticator app, add an account and scan this QR code.</p>
              <div
                className="wr-qr nhsuk-u-margin-bottom-4"
                role="img"
                aria-label="QR code for adding Watchroom to an authenticator app. If you cannot scan it, type the key shown below."
                dangerouslySetInnerHTML={{ __html: status.pending.qrSvg }}
              />
              <p>If you cannot scan it, choose to enter a key in your app, and type this key (spaces do not matter):</p>
              <p>
                <code className="wr-totp-secret" data-testid="totp-secret" data-secret={status.pending.secret}>
                  {grouped(status.pending.secret)}
                </code>
              </p>
              <h2>2. Enter a code from your app</h2>
              <ConfirmEnrolment next={status.required ? '/' : '/account/mfa'} />
            </>
          ) : (
            <StartEnrolment />
          )}
        </div>
      </div>
    </main>
  );
}
