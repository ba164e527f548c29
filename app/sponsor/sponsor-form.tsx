'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import { useErrorSummaryFocus } from '@/app/_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import { respondAsSponsorAction } from './actions';

/** Vouch or decline for one applicant; each form's ids carry the request id so several fit on a page. */
export function SponsorForm({ requestId, applicant }: { requestId: string; applicant: string }) {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(respondAsSponsorAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const id = (f: string) => `${f}-${requestId}`;
  const ids = { decision: id('decision-vouch'), note: id('note') };
  const err = (f: string) => Boolean(state?.fields?.[f]);
  return (
    <div ref={ref}>
      <ErrorSummary state={state} fieldIds={ids} titleId={id('error-summary-title')} />
      <form action={submit} noValidate>
        <input type="hidden" name="id" value={requestId} />
        <div className={`nhsuk-form-group${err('decision') ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset">
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Do you vouch for {applicant}?</legend>
            <FieldError state={state} field="decision" id={id('decision-error')} />
            <div className="nhsuk-radios nhsuk-radios--inline">
              <div className="nhsuk-radios__item">
                <input className="nhsuk-radios__input" id={id('decision-vouch')} name="decision" type="radio" value="vouch" defaultChecked={state?.values?.decision === 'vouch'} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={id('decision-vouch')}>Yes, I vouch for them</label>
              </div>
              <div className="nhsuk-radios__item">
                <input className="nhsuk-radios__input" id={id('decision-decline')} name="decision" type="radio" value="decline" defaultChecked={state?.values?.decision === 'decline'} />
                <label className="nhsuk-label nhsuk-radios__label" htmlFor={id('decision-decline')}>No, decline</label>
              </div>
            </div>
          </fieldset>
        </div>
        <div className={`nhsuk-form-group${err('note') ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor={ids.note}>Note for the moderators</label>
          <div className="nhsuk-hint" id={id('note-hint')}>How you know them. Required if you decline. The applicant does not see it.</div>
          <FieldError state={state} field="note" id={id('note-error')} />
          <textarea className={`nhsuk-textarea${err('note') ? ' nhsuk-textarea--error' : ''}`} id={ids.note} name="note" rows={3} defaultValue={state?.values?.note} aria-describedby={id('note-hint')} />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={pending}>Send answer</button>
      </form>
    </div>
  );
}
