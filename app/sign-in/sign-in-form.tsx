'use client';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { ErrorSummary, FieldError } from '../_components/error-summary';
import { useErrorSummaryFocus } from '../_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';

const WRONG = 'Enter a correct email address and password';

export type InitialError = { kind: 'credentials' } | { kind: 'locked'; message: string } | { kind: 'other' };

/** next-auth hands back our lockout message as the error; anything else is shown generically. */
const LOCKED_OUT = /^Too many sign-in attempts\. Try again in \d{1,4} minutes?\.$/;

function stateFor(error: InitialError | undefined): FormState | undefined {
  if (error?.kind === 'credentials') return { error: WRONG, fields: { email: [WRONG] } };
  if (error?.kind === 'locked') return { error: error.message };
  if (error?.kind === 'other') return { error: 'Sign in failed. Try again.' };
  return undefined;
}

/**
 * Email and password sign-in through next-auth's credentials provider. A wrong email and a wrong
 * password get the same message, so the form never tells anyone which accounts exist.
 */
export function SignInForm({ callbackUrl, initialError }: { callbackUrl: string; initialError?: InitialError }) {
  const [state, setState] = useState<FormState | undefined>(() => stateFor(initialError));
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const summaryRef = useErrorSummaryFocus(state?.error ? attempt + 1 : 0);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get('email') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const fields: Record<string, string[]> = {};
    if (!email) fields.email = ['Enter your email address'];
    if (!password) fields.password = ['Enter your password'];
    setAttempt((n) => n + 1);
    if (Object.keys(fields).length) {
      setState({ error: Object.values(fields)[0][0], fields });
      return;
    }
    setBusy(true);
    try {
      const result = await signIn('credentials', { email, password, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        // The sign-in page sends them on, or asks for their security code first.
        window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl || '/')}`);
        return;
      }
      const error = result?.error ?? '';
      setState(
        LOCKED_OUT.test(error)
          ? stateFor({ kind: 'locked', message: error })
          : error && error !== 'CredentialsSignin' && result?.status !== 401
            ? stateFor({ kind: 'other' })
            : stateFor({ kind: 'credentials' }),
      );
    } catch {
      setState(stateFor({ kind: 'other' }));
    }
    setBusy(false);
  }

  const emailError = Boolean(state?.fields?.email);
  const passwordError = Boolean(state?.fields?.password);
  return (
    <div ref={summaryRef}>
      <ErrorSummary state={state} />
      <h1>Sign in to Watchroom</h1>
      <p>Watchroom is for vetted cyber security staff of health and care organisations.</p>
      <form method="post" onSubmit={submit} noValidate>
        <div className={`nhsuk-form-group${emailError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="email">
            Email address
          </label>
          <FieldError state={state} field="email" />
          <input
            className={`nhsuk-input${emailError ? ' nhsuk-input--error' : ''}`}
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            spellCheck={false}
            aria-describedby={emailError ? 'email-error' : undefined}
            required
          />
        </div>
        <div className={`nhsuk-form-group${passwordError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="password">
            Password
          </label>
          <FieldError state={state} field="password" />
          <input
            className={`nhsuk-input nhsuk-input--width-20${passwordError ? ' nhsuk-input--error' : ''}`}
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            aria-describedby={passwordError ? 'password-error' : undefined}
            required
          />
        </div>
        <button className="nhsuk-button" type="submit" disabled={busy} aria-disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </div>
  );
}
