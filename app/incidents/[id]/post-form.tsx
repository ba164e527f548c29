'use client';
import { useActionState, useEffect } from 'react';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import { useErrorSummaryFocus } from '@/app/_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import type { Tlp } from '@/lib/policy';
import { useErrorTitle } from '../_components/use-error-title';
import { useRoom } from './room-live';

const initial: FormState = {};

/** Markdown post with a TLP label at or below the room's ceiling (the ceiling is the default). */
export function PostForm({
  action,
  labels,
  ceiling,
  anonymousLabel,
  canPostStatusUpdate = false,
}: {
  action: (prev: FormState, form: FormData) => Promise<FormState>;
  labels: Tlp[];
  ceiling: Tlp;
  /** How an anonymous post by this person is signed, e.g. "an acute trust in North West". */
  anonymousLabel?: string;
  canPostStatusUpdate?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, initial);
  const { refreshPosts } = useRoom();
  const summaryRef = useErrorSummaryFocus(state.error ? state : null);
  useErrorTitle(Boolean(state.error));
  const v = state.ok ? {} : (state.values ?? {});
  const bodyError = Boolean(state.fields?.body?.length);
  const tlpError = Boolean(state.fields?.tlp?.length);

  useEffect(() => {
    if (state.ok) refreshPosts();
  }, [state, refreshPosts]);

  return (
    <form action={formAction} noValidate className="wr-room-post-form">
      <div ref={summaryRef}>
        <ErrorSummary state={state} fieldIds={{ body: 'post-body', tlp: 'post-tlp' }} />
      </div>
      <div className={`nhsuk-form-group${tlpError ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="post-tlp">
          TLP label
        </label>
        <div className="nhsuk-hint" id="post-tlp-hint">
          This room allows up to TLP:{ceiling}
        </div>
        <FieldError state={state} field="tlp" id="post-tlp-error" />
        <select
          className={`nhsuk-select${tlpError ? ' nhsuk-select--error' : ''}`}
          id="post-tlp"
          name="tlp"
          defaultValue={v.tlp ?? ceiling}
          aria-describedby={tlpError ? 'post-tlp-hint post-tlp-error' : 'post-tlp-hint'}
        >
          {labels.map((label) => (
            <option key={label} value={label}>
              TLP:{label}
            </option>
          ))}
        </select>
      </div>
      <div className={`nhsuk-form-group${bodyError ? ' nhsuk-form-group--error' : ''}`}>
        <label className="nhsuk-label nhsuk-label--s" htmlFor="post-body">
          Your message (Markdown)
        </label>
        <FieldError state={state} field="body" id="post-body-error" />
        <textarea
          className={`nhsuk-textarea${bodyError ? ' nhsuk-textarea--error' : ''}`}
          id="post-body"
          name="body"
          rows={5}
          defaultValue={v.body}
          aria-describedby={bodyError ? 'post-body-error' : undefined}
        />
      </div>
      {anonymousLabel || canPostStatusUpdate ? (
        <div className="nhsuk-form-group">
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
            {anonymousLabel ? (
              <div className="nhsuk-checkboxes__item">
                <input className="nhsuk-checkboxes__input" id="post-anonymous" name="anonymous" type="checkbox" defaultChecked={v.anonymous === 'on'} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="post-anonymous">
                  Post anonymously, as “{anonymousLabel}”
                </label>
                <div className="nhsuk-hint nhsuk-checkboxes__hint">Moderators and admins can still see that you wrote it; each look is recorded.</div>
              </div>
            ) : null}
            {canPostStatusUpdate ? (
              <div className="nhsuk-checkboxes__item">
                <input className="nhsuk-checkboxes__input" id="post-status-update" name="statusUpdate" type="checkbox" defaultChecked={v.statusUpdate === 'on'} />
                <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="post-status-update">
                  This is a status update from the lead
                </label>
              </div>
            ) : null}
          </div>
        </div>
      ) : null}
      <button className="nhsuk-button" type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? 'Posting…' : 'Post message'}
      </button>
    </form>
  );
}
