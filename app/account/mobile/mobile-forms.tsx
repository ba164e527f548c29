'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import type { FormState } from '@/lib/http/action';
import { confirmCodeAction, sendCodeAction, type SendCodeState } from './actions';

const groupClass = (state: FormState, field: string) => (state.fields?.[field]?.length ? 'nhsuk-form-group nhsuk-form-group--error' : 'nhsuk-form-group');

/** `codePending`: a code is waiting to be typed (the confirmation and any simulated code only show then). */
export function SendCodeForm({ current, buttonLabel, codePending }: { current: string; buttonLabel: string; codePending: boolean }) {
  const [state, action, pending] = useActionState(sendCodeAction, {} as SendCodeState);
  return (
    <form action={action} noValidate>
      <ErrorSummary state={state} titleId="send-code-error-title" />
      {state.ok && codePending && (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>We have texted you a code. Enter it in ‘Code from the text’.</p>
          {state.simulatedCode && (
            <p data-testid="simulated-code">
              Texts are simulated on this server (development only), so here is the code: <strong>{state.simulatedCode}</strong>
            </p>
          )}
        </div>
      )}
      <div className={groupClass(state, 'mobile')}>
        <label className="nhsuk-label" htmlFor="mobile">UK mobile number</label>
        <div className="nhsuk-hint" id="mobile-hint">For example, 07700 900123. We will text it a 6-digit code.</div>
        <FieldError state={state} field="mobile" />
        <input
          className="nhsuk-input nhsuk-input--width-20"
          id="mobile"
          name="mobile"
          type="tel"
          autoComplete="tel"
          aria-describedby="mobile-hint"
          defaultValue={state.values?.mobile ?? current}
        />
      </div>
      <button className="nhsuk-button" type="submit" disabled={pending}>{buttonLabel}</button>
    </form>
  );
}

export function ConfirmCodeForm() {
  const [state, action, pending] = useActionState(confirmCodeAction, {} as FormState);
  return (
    <form action={action} noValidate>
      <ErrorSummary state={state} titleId="confirm-code-error-title" />
      <div className={groupClass(state, 'code')}>
        <label className="nhsuk-label" htmlFor="code">Code from the text</label>
        <div className="nhsuk-hint" id="code-hint">6 digits. The code works for 10 minutes and for 5 tries.</div>
        <FieldError state={state} field="code" />
        <input
          className="nhsuk-input nhsuk-input--width-10"
          id="code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          spellCheck={false}
          aria-describedby="code-hint"
        />
      </div>
      <button className="nhsuk-button" type="submit" disabled={pending}>Confirm code</button>
    </form>
  );
}
