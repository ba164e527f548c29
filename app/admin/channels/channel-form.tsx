'use client';
import { useActionState } from 'react';
import type { FormState } from '@/lib/http/action';
import { ErrorSummary, FieldError } from '../../_components/error-summary';
import { InputField, TextareaField } from '../../_components/form-field';
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
                aria-describedby={err('slug') ? 'slug-hint slug-error' : 'slug-hint'}
              />
            </div>
          </div>
        ) : null}
        <InputField
          state={state}
          name="name"
          label="Name"
          controlClass="nhsuk-u-width-two-thirds"
          type="text"
          maxLength={80}
          defaultValue={v('name', initial?.name)}
        />
        <TextareaField
          state={state}
          name="description"
          label="Description (optional)"
          hint="One or two sentences on what belongs in the channel. Up to 500 characters."
          rows={3}
          maxLength={500}
          defaultValue={v('description', initial?.description)}
        />
        {mode === 'edit' ? (
          <InputField
            state={state}
            name="position"
            label="Position"
            hint="Channels are listed by position, lowest first; channels with the same position are listed by name."
            controlClass="nhsuk-input--width-4"
            type="text"
            inputMode="numeric"
            defaultValue={v('position', String(initial?.position ?? 0))}
          />
        ) : null}
        <button className="nhsuk-button" type="submit" aria-disabled={pending} onClick={(e) => pending && e.preventDefault()}>
          {pending ? 'Saving…' : mode === 'create' ? 'Create channel' : 'Save changes'}
        </button>
      </form>
    </div>
  );
}
