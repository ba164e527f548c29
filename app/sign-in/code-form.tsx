'use client';
import { signOut } from 'next-auth/react';
import { useActionState, useEffect } from 'react';
import { ErrorSummary, FieldError } from '../_components/error-summary';
import { useErrorSummaryFocus } from '../_components/use-error-summary-focus';
import { verifyCodeAction, type CodeState } from './actions';

/** Asks for the 6-digit code from the authenticator app, or one of the recovery codes. */
export function CodeForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, submit, pending] = useActionState<CodeState | undefined, FormData>(verifyCodeAction.bind(null, callbackUrl), undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const next = state?.ok ? state.next : undefined;
  useEffect(() => {
    if (next) window.location.assign(next);
  }, [next]);
  const error = Boolean(state?.fields?.code);
  return (
    <div ref={ref}>
      <ErrorSummary state={state} />
      <h1>Enter your security code</h1>
      <p>Open the authenticator app you set up for Watchroom and enter the 6-digit code it shows.</p>
      <form action={submit} noValidate>
        <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="code">
            Security code
          </label>
          <div className="nhsuk-hint" id="code-hint">
            If you do not have your phone, enter one of your recovery codes instead, for example abcde-fghjk. Each recovery code works once.
          </div>
          <FieldError state={state} field="code" />
          <input
            className={`nhsuk-input nhsuk-input--width-10${error ? ' nhsuk-input--error' : ''}`}
            id="code"
            name="code"
            type="text"
            autoComplete="one-time-code"
            spellCheck={false}
            autoCapitalize="none"
            maxLength={40}
            aria-describedby={['code-hint', error ? 'code-error' : ''].filter(Boolean).join(' ')}
          />
        </div>
        <button className="nhsuk-button" type="submit" disabled={pending || Boolean(next)} aria-disabled={pending || Boolean(next)}>
          {pending ? 'Checking…' : next ? 'Signing in…' : 'Continue'}
        </button>
      </form>
      <p>
        <button type="button" className="wr-link-button" onClick={() => void signOut({ callbackUrl: '/sign-in' })}>
          Cancel and sign out
        </button>
      </p>
    </div>
  );
}
