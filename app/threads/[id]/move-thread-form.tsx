'use client';
import { useActionState } from 'react';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import { moveThreadAction } from './actions';

/** Moderators: move the thread to another channel, inside a disclosure so it stays out of the way. */
export function MoveThreadForm({ threadId, channels }: { threadId: string; channels: { slug: string; name: string }[] }) {
  const [state, action, pending] = useActionState<FormState | undefined, FormData>(moveThreadAction, undefined);
  const summaryRef = useErrorSummaryFocus(state?.error ? state : null);
  const channelError = Boolean(state?.fields?.channel);
  return (
    <details className="nhsuk-details wr-move-thread" open={Boolean(state?.error)}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">Move thread to another channel</span>
      </summary>
      <div className="nhsuk-details__text" ref={summaryRef}>
        <ErrorSummary state={state} fieldIds={{ channel: 'move-channel', reason: 'move-reason' }} titleId="move-error-title" />
        <form action={action} noValidate data-testid="move-thread-form">
          <input type="hidden" name="threadId" value={threadId} />
          <div className={`nhsuk-form-group${channelError ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="move-channel">
              New channel
            </label>
            <FieldError state={state} field="channel" id="move-channel-error" />
            <select className="nhsuk-select" id="move-channel" name="channel" defaultValue={state?.values?.channel ?? ''} aria-describedby={channelError ? 'move-channel-error' : undefined}>
              <option value="">Choose a channel</option>
              {channels.map((c) => (
                <option key={c.slug} value={c.slug}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="move-reason">
              Reason (optional, for the staff action log)
            </label>
            <input className="nhsuk-input" id="move-reason" name="reason" type="text" maxLength={1000} defaultValue={state?.values?.reason ?? ''} />
          </div>
          <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
            {pending ? 'Moving…' : 'Move thread'}
          </button>
        </form>
      </div>
    </details>
  );
}
