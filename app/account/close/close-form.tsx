'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';
import { ErrorSummary } from '../../_components/error-summary';
import { InputField } from '../../_components/form-field';
import { SuccessBanner } from '../../_components/success-banner';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import { requestClosureAction } from './actions';

export function CloseAccountForm() {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(requestClosureAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  if (state?.ok) {
    return (
      <SuccessBanner titleId="close-done-title" testId="closure-requested" heading="You have asked for your account to be closed.">
        <p>A moderator will close it soon. Until then you can keep using Watchroom.</p>
      </SuccessBanner>
    );
  }
  return (
    <div ref={ref}>
      <ErrorSummary state={state} />
      <form action={submit} noValidate>
        <InputField
          state={state}
          name="password"
          label="Your password"
          hint="To confirm it is you."
          controlClass="nhsuk-input--width-20"
          type="password"
          autoComplete="current-password"
        />
        <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? 'Asking…' : 'Ask to close my account'}
        </button>
      </form>
    </div>
  );
}
