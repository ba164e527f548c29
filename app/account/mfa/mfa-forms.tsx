'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';
import { ErrorSummary } from '../../_components/error-summary';
import { InputField } from '../../_components/form-field';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import { confirmEnrolmentAction, disableMfaAction, regenerateCodesAction, startEnrolmentAction, type CodesState } from './actions';

/** The recovery codes, shown once, right after they are made. */
function RecoveryCodes({ codes, next }: { codes: string[]; next?: { href: string; text: string } }) {
  return (
    <div className="nhsuk-card" data-testid="recovery-codes">
      <div className="nhsuk-card__content">
        <h2 className="nhsuk-card__heading" id="recovery-title" tabIndex={-1}>
          Save your recovery codes
        </h2>
        <p>
          If you lose your phone, each of these codes lets you sign in once instead of a code from your app. Keep them somewhere safe, such as a
          password manager. <strong>You will not see them again.</strong>
        </p>
        <ul className="nhsuk-list wr-recovery-codes" aria-labelledby="recovery-title">
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ul>
        {next ? (
          <a className="nhsuk-button" href={next.href} data-testid="mfa-continue">
            {next.text}
          </a>
        ) : null}
      </div>
    </div>
  );
}

function CodeField({ state }: { state: FormState | undefined }) {
  return (
    <InputField
      state={state}
      name="code"
      label="Enter the 6-digit code your app shows"
      controlClass="nhsuk-input--width-10"
      type="text"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={40}
    />
  );
}

function PasswordField({ state, id }: { state: FormState | undefined; id: string }) {
  return <InputField state={state} name="password" id={id} label="Your password" controlClass="nhsuk-input--width-20" type="password" autoComplete="current-password" />;
}

export function StartEnrolment() {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(startEnrolmentAction, undefined);
  return (
    <form action={submit}>
      <ErrorSummary state={state} />
      <button className="nhsuk-button" type="submit" disabled={pending} data-testid="mfa-start">
        Set up two-step verification
      </button>
    </form>
  );
}

export function ConfirmEnrolment({ next }: { next: string }) {
  const [state, submit, pending] = useActionState<CodesState | undefined, FormData>(confirmEnrolmentAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  if (state?.ok && state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} next={{ href: next, text: 'I have saved my codes – continue' }} />;
  return (
    <div ref={ref}>
      <ErrorSummary state={state} />
      <form action={submit} noValidate>
        <CodeField state={state} />
        <button className="nhsuk-button" type="submit" disabled={pending} data-testid="mfa-confirm">
          Turn on two-step verification
        </button>
      </form>
    </div>
  );
}

export function RegenerateCodes() {
  const [state, submit, pending] = useActionState<CodesState | undefined, FormData>(regenerateCodesAction, undefined);
  if (state?.ok && state.recoveryCodes) return <RecoveryCodes codes={state.recoveryCodes} next={{ href: '/account/mfa', text: 'I have saved my codes' }} />;
  return (
    <form action={submit} noValidate aria-labelledby="regenerate-title">
      <h2 id="regenerate-title">Get new recovery codes</h2>
      <p>Your old recovery codes stop working when you get new ones.</p>
      <ErrorSummary state={state} titleId="regenerate-error-title" fieldIds={{ password: 'regenerate-password' }} />
      <PasswordField state={state} id="regenerate-password" />
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={pending}>
        Get new recovery codes
      </button>
    </form>
  );
}

export function DisableMfa() {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(disableMfaAction, undefined);
  return (
    <form action={submit} noValidate aria-labelledby="disable-title">
      <h2 id="disable-title">Turn off two-step verification</h2>
      <p>Your account will be protected only by your password.</p>
      <ErrorSummary state={state} titleId="disable-error-title" fieldIds={{ password: 'disable-password' }} />
      <PasswordField state={state} id="disable-password" />
      <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={pending}>
        Turn off two-step verification
      </button>
    </form>
  );
}
