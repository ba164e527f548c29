'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import type { FormState } from '@/lib/http/action';

/** An organisation's incident contact nominates a colleague who needs to know, with a reason. */
export function RoomNominate({ tlp, action }: { tlp: string; action: (prev: FormState, form: FormData) => Promise<FormState> }) {
  const [state, formAction, pending] = useActionState(action, {});
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <section aria-labelledby="nominate-heading" data-testid="room-nominate">
      <h2 id="nominate-heading">Nominate a colleague</h2>
      <p>
        {tlp === 'AMBER'
          ? 'TLP:AMBER: colleagues of your organisation, or of an organisation it supports, who need to know.'
          : 'TLP:AMBER+STRICT: colleagues of your own organisation only, who need to know.'}
      </p>
      <form action={formAction} noValidate key={state.ok ? 'done' : 'form'}>
        <ErrorSummary state={state} titleId="nominate-error-title" fieldIds={{ email: 'nominate-email', reason: 'nominate-reason' }} />
        {state.ok ? <p role="status">Your colleague has been added.</p> : null}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--s" htmlFor="nominate-email">
            Colleague’s email address
          </label>
          <FieldError state={state} field="email" id="nominate-email-error" />
          <input className="nhsuk-input nhsuk-input--width-30" id="nominate-email" name="email" type="email" defaultValue={v.email} autoComplete="off" />
        </div>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--s" htmlFor="nominate-reason">
            Why they need to know
          </label>
          <FieldError state={state} field="reason" id="nominate-reason-error" />
          <input className="nhsuk-input" id="nominate-reason" name="reason" defaultValue={v.reason} maxLength={500} />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={pending}>
          Nominate
        </button>
      </form>
    </section>
  );
}
