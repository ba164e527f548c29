'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';
import { ErrorSummary } from '../../_components/error-summary';
import { InputField } from '../../_components/form-field';
import { SuccessBanner } from '../../_components/success-banner';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import { changePasswordAction } from './actions';

const fields = [
  { name: 'currentPassword', label: 'Current password', autoComplete: 'current-password', hint: null },
  {
    name: 'newPassword',
    label: 'New password',
    autoComplete: 'new-password',
    hint: 'At least 12 characters. A few unrelated words together are easy to remember and hard to guess. Do not use your name, your email address or a common password.',
  },
  { name: 'confirmPassword', label: 'Confirm new password', autoComplete: 'new-password', hint: null },
] as const;

export function PasswordForm() {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(changePasswordAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  if (state?.ok) {
    return (
      <SuccessBanner titleId="password-done-title" testId="password-done" heading="Your password is changed.">
        <p>You are signed out everywhere else. You stay signed in here.</p>
      </SuccessBanner>
    );
  }
  return (
    <div ref={ref}>
      <ErrorSummary state={state} />
      <form action={submit} noValidate>
        {fields.map((f) => (
          <InputField
            key={f.name}
            state={state}
            name={f.name}
            label={f.label}
            hint={f.hint}
            controlClass="nhsuk-input--width-20"
            type="password"
            autoComplete={f.autoComplete}
          />
        ))}
        <button className="nhsuk-button" type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
      </form>
    </div>
  );
}
