import type { FormState } from '@/lib/http/action';

/** NHS error summary: a focusable alert at the top of the form that links to each bad field. */
export function ErrorSummary({
  state,
  fieldIds = {},
  titleId = 'error-summary-title',
  unlinked = [],
}: {
  state: FormState | undefined;
  fieldIds?: Record<string, string>;
  /** Fields with no control on the page to link to (their messages are shown as text). */
  unlinked?: string[];
  /** When a page can show more than one summary at once (several forms), each needs its own. */
  titleId?: string;
}) {
  if (!state?.error) return null;
  const entries = Object.entries(state.fields ?? {});
  return (
    <div className="nhsuk-error-summary" aria-labelledby={titleId} role="alert" tabIndex={-1}>
      <h2 className="nhsuk-error-summary__title" id={titleId}>
        There is a problem
      </h2>
      <div className="nhsuk-error-summary__body">
        <ul className="nhsuk-list nhsuk-error-summary__list">
          {entries.length === 0 ? (
            <li>{state.error}</li>
          ) : (
            entries.map(([field, messages]) => (
              <li key={field}>
                {unlinked.includes(field) ? messages.join('. ') : <a href={`#${fieldIds[field] ?? field.replace(/\./g, '-')}`}>{messages.join('. ')}</a>}
              </li>
            ))
          )}
        </ul>
      </div>
    </div>
  );
}

export function FieldError({ state, field, id }: { state: FormState | undefined; field: string; id?: string }) {
  const messages = state?.fields?.[field];
  if (!messages?.length) return null;
  return (
    <span className="nhsuk-error-message" id={id ?? `${field.replace(/\./g, '-')}-error`}>
      <span className="nhsuk-u-visually-hidden">Error:</span> {messages.join('. ')}
    </span>
  );
}
