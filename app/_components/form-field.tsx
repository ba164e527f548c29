import type { InputHTMLAttributes, ReactNode, TextareaHTMLAttributes } from 'react';
import type { FormState } from '@/lib/http/action';
import { FieldError } from './error-summary';

/** What the field group needs; the rest of the props go to the input or textarea. */
type FieldProps = {
  state: FormState | undefined;
  /** The form field's name. */
  name: string;
  /** Its key in state.fields, when not the name (for example `invite.users`). */
  field?: string;
  /** The control's id; the field key with dots as hyphens by default. Hint and error ids derive from it. */
  id?: string;
  label: ReactNode;
  /** Bold label (`nhsuk-label--s`). */
  boldLabel?: boolean;
  hint?: ReactNode;
  /** Classes after `nhsuk-input` / `nhsuk-textarea`, such as a width. */
  controlClass?: string;
};

type Control = { id: string; className: string; 'aria-describedby'?: string };

/** NHS form group: label, optional hint, the field's error and the control, with the error styling and aria-describedby wired. */
function FieldGroup({ state, name, field = name, id, label, boldLabel, hint, controlClass, base, control }: FieldProps & { base: string; control: (c: Control) => ReactNode }) {
  const controlId = id ?? field.replace(/\./g, '-');
  const invalid = Boolean(state?.fields?.[field]?.length);
  const describedBy = [hint ? `${controlId}-hint` : '', invalid ? `${controlId}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`nhsuk-form-group${invalid ? ' nhsuk-form-group--error' : ''}`}>
      <label className={boldLabel ? 'nhsuk-label nhsuk-label--s' : 'nhsuk-label'} htmlFor={controlId}>
        {label}
      </label>
      {hint ? (
        <div className="nhsuk-hint" id={`${controlId}-hint`}>
          {hint}
        </div>
      ) : null}
      <FieldError state={state} field={field} id={`${controlId}-error`} />
      {control({
        id: controlId,
        className: [base, controlClass, invalid ? `${base}--error` : ''].filter(Boolean).join(' '),
        'aria-describedby': describedBy,
      })}
    </div>
  );
}

type InputProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'className' | 'aria-describedby'>;

/** A labelled text-like input (text, password, search…) in an NHS form group. Server-safe. */
export function InputField({ state, name, field, id, label, boldLabel, hint, controlClass, ...input }: InputProps) {
  const group = { state, name, field, id, label, boldLabel, hint, controlClass };
  return <FieldGroup {...group} base="nhsuk-input" control={(c) => <input {...input} {...c} name={name} />} />;
}

type TextareaProps = FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'className' | 'aria-describedby'>;

/** A labelled textarea in an NHS form group. Server-safe. */
export function TextareaField({ state, name, field, id, label, boldLabel, hint, controlClass, ...textarea }: TextareaProps) {
  const group = { state, name, field, id, label, boldLabel, hint, controlClass };
  return <FieldGroup {...group} base="nhsuk-textarea" control={(c) => <textarea {...textarea} {...c} name={name} />} />;
}
