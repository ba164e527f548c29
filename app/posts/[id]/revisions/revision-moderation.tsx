'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';
import { ErrorSummary, FieldError } from '../../../_components/error-summary';
import { ReasonField } from '../../../_components/reason-field';
import { useErrorSummaryFocus } from '../../../_components/use-error-summary-focus';
import { revisionModerationAction } from './actions';
import './revision-moderation.css';

type Props = { postId: string; revision: number };

/** Hidden fields naming the post and the version; the pressed button says what to do. */
function Target({ postId, revision }: Props) {
  return (
    <>
      <input type="hidden" name="postId" value={postId} />
      <input type="hidden" name="revision" value={revision} />
    </>
  );
}

/** Problems the form has no field for (a version that changed meanwhile, no permission) are listed as text. */
const UNLINKED = ['revision', '_'];

/**
 * Moderators: remove an earlier version's text from the history, with a reason. A disclosure with a plain form
 * posted to a server action, so it works without JavaScript; it opens again on an error, whose summary takes focus.
 */
export function RemoveRevisionForm({ postId, revision }: Props) {
  const [state, formAction, pending] = useActionState<FormState | undefined, FormData>(revisionModerationAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const id = `remove-reason-${revision}`;
  return (
    <details className="nhsuk-details wr-revision__moderate" open={state?.error ? true : undefined} data-testid={`remove-revision-${revision}`}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Remove version {revision} from the history</span>
      </summary>
      <div className="nhsuk-details__text" ref={ref}>
        <ErrorSummary state={state} fieldIds={{ reason: id }} titleId={`remove-error-title-${revision}`} unlinked={UNLINKED} />
        <form action={formAction} noValidate>
          <Target postId={postId} revision={revision} />
          <ReasonField
            id={id}
            label="Reason"
            hint="For example: it quotes AMBER intelligence, a password or a phone number. Recorded in the staff action log. Everyone else then sees “Removed by a moderator” instead of this version’s text; moderators and admins can still read it and restore it."
            state={state}
          />
          <button
            className="nhsuk-button nhsuk-button--warning nhsuk-button--small"
            type="submit"
            name="change"
            value="redact"
            aria-disabled={pending}
            onClick={(e) => pending && e.preventDefault()}
          >
            {pending ? 'Removing…' : `Remove version ${revision}`}
          </button>
        </form>
      </div>
    </details>
  );
}

/** Moderators: show a removed version again, with an optional note for the log. */
export function RestoreRevisionForm({ postId, revision }: Props) {
  const [state, formAction, pending] = useActionState<FormState | undefined, FormData>(revisionModerationAction, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const id = `restore-reason-${revision}`;
  const error = Boolean(state?.fields?.reason);
  return (
    <div className="wr-revision__restore" ref={ref} data-testid={`restore-revision-${revision}`}>
      <ErrorSummary state={state} fieldIds={{ reason: id }} titleId={`restore-error-title-${revision}`} unlinked={UNLINKED} />
      <form action={formAction} noValidate>
        <Target postId={postId} revision={revision} />
        <div className={`nhsuk-form-group${error ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor={id}>
            Note for the log (optional)
          </label>
          <FieldError state={state} field="reason" id={`${id}-error`} />
          <input
            className={`nhsuk-input${error ? ' nhsuk-input--error' : ''}`}
            id={id}
            name="reason"
            type="text"
            maxLength={1000}
            defaultValue={state?.values?.reason ?? ''}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
        <button
          className="nhsuk-button nhsuk-button--secondary nhsuk-button--small"
          type="submit"
          name="change"
          value="restore"
          aria-disabled={pending}
          onClick={(e) => pending && e.preventDefault()}
        >
          {pending ? 'Restoring…' : `Restore version ${revision}`}
        </button>
      </form>
    </div>
  );
}
