import type { ReactNode } from 'react';
import type { FormState } from '@/lib/http/action';
import { FieldError } from './error-summary';

export type Choice = { value: string; label: ReactNode; hint?: ReactNode };

type ChoiceGroupProps = {
  type: 'radio' | 'checkbox';
  state: FormState | undefined;
  /** The inputs' name. */
  name: string;
  /** Its key in state.fields, when not the name (for example `invite.organisations`). */
  field?: string;
  legend: ReactNode;
  hint?: ReactNode;
  choices: Choice[];
  isChecked: (value: string) => boolean;
  /** `nhsuk-radios--inline`, `nhsuk-checkboxes--small`… */
  modifier?: 'inline' | 'small';
};

/**
 * NHS radios or checkboxes in a fieldset: bold legend, optional hint, the field's error, one item per choice
 * (with its own hint when given). The first input's id is the field's id, so the error summary's link lands on it;
 * the others add the value. Server-safe.
 */
export function ChoiceGroup({ type, state, name, field = name, legend, hint, choices, isChecked, modifier }: ChoiceGroupProps) {
  const base = type === 'radio' ? 'nhsuk-radios' : 'nhsuk-checkboxes';
  const groupId = field.replace(/\./g, '-');
  const invalid = Boolean(state?.fields?.[field]?.length);
  const describedBy = [hint ? `${groupId}-hint` : '', invalid ? `${groupId}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${invalid ? ' nhsuk-form-group--error' : ''}`}>
      <fieldset className="nhsuk-fieldset" aria-describedby={describedBy}>
        <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
        {hint ? (
          <div className="nhsuk-hint" id={`${groupId}-hint`}>
            {hint}
          </div>
        ) : null}
        <FieldError state={state} field={field} />
        <div className={modifier ? `${base} ${base}--${modifier}` : base}>
          {choices.map((c, i) => {
            const id = i === 0 ? groupId : `${groupId}-${c.value.replace('+', '-').toLowerCase()}`;
            return (
              <div className={`${base}__item`} key={c.value}>
                <input
                  className={`${base}__input`}
                  id={id}
                  name={name}
                  type={type}
                  value={c.value}
                  defaultChecked={isChecked(c.value)}
                  aria-describedby={c.hint ? `${id}-item-hint` : undefined}
                />
                <label className={`nhsuk-label ${base}__label`} htmlFor={id}>
                  {c.label}
                </label>
                {c.hint ? (
                  <div className={`nhsuk-hint ${base}__hint`} id={`${id}-item-hint`}>
                    {c.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
