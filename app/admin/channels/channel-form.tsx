'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { useErrorSummaryFocus } from '../../_components/use-error-summary-focus';

type Props = {
  mode: 'create' | 'edit';
  action: (prev: FormState | undefined, form: FormData) => Promise<FormState>;
  initial?: { name: string; description: string; position: number };
};

/** Create a channel (address, name, description) or edit one (name, description, position). */
export function ChannelForm({ mode, action, initial }: Props) {
  const [state, submit, pending] = useActionState<FormState | undefined, FormData>(action, undefined);
  const ref = useErrorSummaryFocus(state?.error ? state : null);
  const v = (field: string, fallback = '') => state?.values?.[field] ?? fallback;
  const err = (field: string) => Boolean(state?.fields?.[field]);
  const described = (field: string, hint: boolean) => [hint ? `${field}-hint` : '', err(field) ? `${field}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div ref={ref}>
      <ErrorSummary state={state} />
      <form action={submit} noValidate>
        {mode === 'create' ? (
          <div className={`nhsuk-form-group${err('slug') ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="slug">
              Web address
            </label>
            <div className="nhsuk-hint" id="slug-hint">
              The end of the channel’s address: lower-case letters, digits and single hyphens, for example supply-chain. It cannot be changed later.
            </div>
            <FieldError state={state} field="slug" />
            <div className="nhsuk-input-wrapper wr-slug-input">
              <div className="nhsuk-input-wrapper__prefix" aria-hidden="true">
                /channels/
              </div>
              <input
                className={`nhsuk-input nhsuk-input--width-20${err('slug') ? ' nhsuk-input--error' : ''}`}
                id="slug"
                name="slug"
                type="text"
                maxLength={60}
                spellCheck={false}
                autoComplete="off"
                defaultValue={v('slug')}
                aria-describedby={described('slug', true)}
              />
            </div>
          </div>
        ) : null}
        <div className={`nhsuk-form-group${err('name') ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="name">
            Name
          </label>
          <FieldError state={state} field="name" />
          <input
            className={`nhsuk-input nhsuk-u-width-two-thirds${err('name') ? ' nhsuk-input--error' : ''}`}
            id="name"
            name="name"
            type="text"
            maxLength={80}
            defaultValue={v('name', initial?.name)}
            aria-describedby={described('name', false)}
          />
        </div>
        <div className={`nhsuk-form-group${err('description') ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="description">
            Description (optional)
          </label>
          <div className="nhsuk-hint" id="description-hint">
            One or two sentences on what belongs in the channel. Up to 500 characters.
          </div>
          <FieldError state={state} field="description" />
          <textarea
            className={`nhsuk-textarea${err('description') ? ' nhsuk-textarea--error' : ''}`}
            id="description"
            name="description"
            rows={3}
            maxLength={500}
            defaultValue={v('description', initial?.description)}
            aria-describedby={described('description', true)}
          />
        </div>
        {mode === 'edit' ? (
          <div className={`nhsuk-form-group${err('position') ? ' nhsuk-form-group--error' : ''}`}>
            <label className="nhsuk-label" htmlFor="position">
              Position
            </label>
            <div className="nhsuk-hint" id="position-hint">
              Channels are listed by position, lowest first; channels with the same position are listed by name.
            </div>
            <FieldError state={state} field="position" />
            <input
              className={`nhsuk-input nhsuk-input--width-4${err('position') ? ' nhsuk-input--error' : ''}`}
              id="position"
              name="position"
              type="text"
              inputMode="numeric"
              defaultValue={v('position', String(initial?.position ?? 0))}
              aria-describedby={described('position', true)}
            />
          </div>
        ) : null}
        <button className="nhsuk-button" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
          {pending ? 'Saving…' : mode === 'create' ? 'Create channel' : 'Save changes'}
        </button>
      </form>
    </div>
  );
}
