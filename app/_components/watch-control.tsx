'use client';
import { useActionState, useEffect, useState } from 'react';
import { ErrorSummary } from './error-summary';
import { useErrorSummaryFocus } from './use-error-summary-focus';
import { WATCH_LEVELS, watchHint, watchLabel, type WatchLevel, type WatchState } from './watch-levels';

type Props = {
  subject: 'thread' | 'channel';
  initialLevel: WatchLevel;
  action: (prev: WatchState | undefined, form: FormData) => Promise<WatchState>;
};

/**
 * Watching / Tracking / Normal / Muted for a thread or channel: radios and a button in a disclosure,
 * posted to a server action (so it works without JavaScript). The summary shows the saved level.
 */
export function WatchControl({ subject, initialLevel, action }: Props) {
  const [state, submit, pending] = useActionState<WatchState | undefined, FormData>(action, undefined);
  const saved = state?.level ?? initialLevel;
  const [choice, setChoice] = useState<WatchLevel>(saved);
  useEffect(() => setChoice(saved), [saved]);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  return (
    <details className="nhsuk-details wr-watch" data-testid={`${subject}-watch`}>
      <summary className="nhsuk-details__summary">
        <span className="nhsuk-details__summary-text">
          Notifications: {watchLabel[saved]}
          <span className="nhsuk-u-visually-hidden"> (change how you are notified about this {subject})</span>
        </span>
      </summary>
      <div className="nhsuk-details__text" ref={ref}>
        <ErrorSummary state={state} fieldIds={{ level: `watch-${WATCH_LEVELS[0]}` }} titleId="watch-error-title" />
        <form action={submit} noValidate>
          <div className="nhsuk-form-group">
            <fieldset className="nhsuk-fieldset">
              <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">How should Watchroom notify you about this {subject}?</legend>
              <div className="nhsuk-radios nhsuk-radios--small">
                {WATCH_LEVELS.map((level) => (
                  <div className="nhsuk-radios__item" key={level}>
                    <input
                      className="nhsuk-radios__input"
                      id={`watch-${level}`}
                      name="level"
                      type="radio"
                      value={level}
                      checked={choice === level}
                      onChange={() => setChoice(level)}
                      aria-describedby={`watch-${level}-hint`}
                    />
                    <label className="nhsuk-label nhsuk-radios__label" htmlFor={`watch-${level}`}>
                      {watchLabel[level]}
                    </label>
                    <div className="nhsuk-hint nhsuk-radios__hint" id={`watch-${level}-hint`}>
                      {watchHint[subject][level]}
                    </div>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small wr-watch__save" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
            {pending ? 'Saving…' : 'Save notification setting'}
          </button>
          <p className="nhsuk-body-s wr-watch__status" role="status">
            {state?.ok && state.level ? `Saved. Notifications for this ${subject}: ${watchLabel[state.level]}.` : ''}
          </p>
        </form>
      </div>
    </details>
  );
}
