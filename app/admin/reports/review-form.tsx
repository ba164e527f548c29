'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import { resolveReportsAction } from './actions';

const choices = [
  { value: 'hide', label: 'Hide the post', hint: 'Readers see “hidden by a moderator”; you can restore it later.' },
  { value: 'delete', label: 'Delete the post', hint: 'It becomes a tombstone. This cannot be undone.' },
  { value: 'dismiss', label: 'Dismiss the reports', hint: 'The post stays as it is.' },
] as const;

/** The decision on one reported post; every open report of that post is resolved with it. */
export function ReviewForm({ postId, postState }: { postId: string; postState: 'visible' | 'hidden' | 'deleted' }) {
  // A post its author already deleted can only have its reports dismissed.
  const offered = postState === 'deleted' ? choices.filter((c) => c.value === 'dismiss') : choices;
  const [state, action, pending] = useActionState<FormState | undefined, FormData>(resolveReportsAction, undefined);
  const summaryRef = useErrorSummaryFocus(state?.error ? state : null);
  const id = (name: string) => `${name}-${postId}`;
  const actionError = Boolean(state?.fields?.action);
  const reasonError = Boolean(state?.fields?.reason);
  return (
    <div ref={summaryRef}>
      <ErrorSummary state={state} fieldIds={{ action: id(`action-${offered[0].value}`), reason: id('reason') }} titleId={id('error-title')} />
      <form action={action} noValidate data-testid="review-form">
        <input type="hidden" name="postId" value={postId} />
        <div className={`nhsuk-form-group${actionError ? ' nhsuk-form-group--error' : ''}`}>
          <fieldset className="nhsuk-fieldset" aria-describedby={actionError ? id('action-error') : undefined}>
            <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Decision</legend>
            <FieldError state={state} field="action" id={id('action-error')} />
            <div className="nhsuk-radios nhsuk-radios--small">
              {offered.map((c) => (
                <div className="nhsuk-radios__item" key={c.value}>
                  <input
                    className="nhsuk-radios__input"
                    id={id(`action-${c.value}`)}
                    name="action"
                    type="radio"
                    value={c.value}
                    defaultChecked={state?.values?.action === c.value}
                    aria-describedby={id(`action-${c.value}-hint`)}
                  />
                  <label className="nhsuk-label nhsuk-radios__label" htmlFor={id(`action-${c.value}`)}>
                    {c.value === 'hide' && postState === 'hidden' ? 'Keep the post hidden' : c.label}
                  </label>
                  <div className="nhsuk-hint nhsuk-radios__hint" id={id(`action-${c.value}-hint`)}>
                    {c.hint}
                  </div>
                </div>
              ))}
            </div>
          </fieldset>
        </div>
        <div className={`nhsuk-form-group${reasonError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor={id('reason')}>
            Reason
          </label>
          <div className="nhsuk-hint" id={id('reason-hint')}>
            Goes in the staff action log and on each report’s resolution.
          </div>
          <FieldError state={state} field="reason" id={id('reason-error')} />
          <textarea
            className={`nhsuk-textarea${reasonError ? ' nhsuk-textarea--error' : ''}`}
            id={id('reason')}
            name="reason"
            rows={2}
            maxLength={1000}
            defaultValue={state?.values?.reason ?? ''}
            aria-describedby={reasonError ? `${id('reason-hint')} ${id('reason-error')}` : id('reason-hint')}
          />
        </div>
        <button className="nhsuk-button nhsuk-button--small" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
          {pending ? 'Saving…' : 'Resolve reports'}
        </button>
      </form>
    </div>
  );
}
