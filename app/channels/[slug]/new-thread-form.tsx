'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import { startThread } from './actions';

export function NewThreadForm({ slug }: { slug: string }) {
  const [state, action, pending] = useActionState<FormState | undefined, FormData>(startThread, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const titleError = Boolean(state?.fields?.title);
  const bodyError = Boolean(state?.fields?.body);
  return (
    <div ref={ref} className="wr-new-thread">
      <h2 id="new-thread-heading">Start a new thread</h2>
      <ErrorSummary state={state} />
      <form action={action} aria-labelledby="new-thread-heading" noValidate>
        <input type="hidden" name="slug" value={slug} />
        <div className={`nhsuk-form-group${titleError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="title">
            Title
          </label>
          <FieldError state={state} field="title" />
          <input
            className={`nhsuk-input${titleError ? ' nhsuk-input--error' : ''}`}
            id="title"
            name="title"
            type="text"
            maxLength={200}
            defaultValue={state?.values?.title ?? ''}
            aria-describedby={titleError ? 'title-error' : undefined}
            required
          />
        </div>
        <div className={`nhsuk-form-group${bodyError ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="body">
            Message (Markdown)
          </label>
          <div className="nhsuk-hint" id="body-hint">
            Channels are TLP:GREEN. Do not post anything restricted: use an incident room instead.
          </div>
          <FieldError state={state} field="body" />
          <textarea
            className={`nhsuk-textarea${bodyError ? ' nhsuk-textarea--error' : ''}`}
            id="body"
            name="body"
            rows={8}
            defaultValue={state?.values?.body ?? ''}
            aria-describedby={bodyError ? 'body-hint body-error' : 'body-hint'}
            required
          />
        </div>
        <button className="nhsuk-button" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
          {pending ? 'Posting…' : 'Post thread'}
        </button>
      </form>
    </div>
  );
}
