'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import { useErrorSummaryFocus } from '@/app/_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import { decideSignupAction } from './actions';

/** Approve (optional note for the log) or reject (reason required, emailed to the applicant). */
export function DecideForms({ requestId, applicant }: { requestId: string; applicant: string }) {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(decideSignupAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const id = (f: string) => `${f}-${requestId}`;
  const err = (f: string) => Boolean(state?.fields?.[f]);
  return (
    <div ref={ref}>
      <ErrorSummary state={state} fieldIds={{ reason: id('reason'), note: id('note') }} titleId={id('error-summary-title')} />
      <div className="nhsuk-grid-row">
        <form action={submit} noValidate className="nhsuk-grid-column-one-half">
          <input type="hidden" name="id" value={requestId} />
          <input type="hidden" name="decision" value="approve" />
          <div className={`nhsuk-form-group${err('note') ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor={id('note')}>Note for the staff log (optional)</label>
            <FieldError state={state} field="note" id={id('note-error')} />
            <textarea className="nhsuk-textarea" id={id('note')} name="note" rows={2} />
          </div>
          <button className="nhsuk-button" type="submit" disabled={pending}>
            Approve<span className="nhsuk-u-visually-hidden"> {applicant}</span>
          </button>
        </form>
        <form action={submit} noValidate className="nhsuk-grid-column-one-half">
          <input type="hidden" name="id" value={requestId} />
          <input type="hidden" name="decision" value="reject" />
          <div className={`nhsuk-form-group${err('reason') ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor={id('reason')}>Reason for rejecting</label>
            <div className="nhsuk-hint" id={id('reason-hint')}>Required. The applicant is emailed this reason.</div>
            <FieldError state={state} field="reason" id={id('reason-error')} />
            <textarea
              className={`nhsuk-textarea${err('reason') ? ' nhsuk-textarea--error' : ''}`}
              id={id('reason')}
              name="reason"
              rows={2}
              aria-describedby={[id('reason-hint'), err('reason') ? id('reason-error') : ''].filter(Boolean).join(' ')}
            />
          </div>
          <button className="nhsuk-button nhsuk-button--warning" type="submit" disabled={pending}>
            Reject<span className="nhsuk-u-visually-hidden"> {applicant}</span>
          </button>
        </form>
      </div>
    </div>
  );
}
