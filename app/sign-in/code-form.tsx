'use client';
import { signOut } from 'next-auth/react';
import { useActionState, useEffect } from 'react';
import { ErrorSummary } from '../_components/error-summary';
import { InputField } from '../_components/form-field';
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
  return (
    <div ref={ref}>
      <ErrorSummary state={state} />
      <h1>Enter your security code</h1>
      <p>Open the authenticator app you set up for Watchroom and enter the 6-digit code it shows.</p>
      <form action={submit} noValidate>
        <InputField
          state={state}
          name="code"
          label="Security code"
          hint="If you do not have your phone, enter one of your recovery codes instead, for example abcde-fghjk. Each recovery code works once."
          controlClass="nhsuk-input--width-10"
          type="text"
          autoComplete="one-time-code"
          spellCheck={false}
          autoCapitalize="none"
          maxLength={40}
        />
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
