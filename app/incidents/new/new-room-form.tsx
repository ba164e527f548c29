'use client';
import { useActionState } from 'react';
import { ChoiceGroup } from '@/app/_components/choice-group';
import { ErrorSummary } from '@/app/_components/error-summary';
import { InputField, TextareaField } from '@/app/_components/form-field';
import { useErrorSummaryFocus } from '@/app/_components/use-error-summary-focus';
import type { FormState } from '@/lib/http/action';
import { useErrorTitle } from '../_components/use-error-title';
import { openRoomAction } from './actions';
import { SmsPreview } from './sms-preview';

type Organisation = { odsCode: string; name: string };

const severities = [
  { value: 'low', label: 'Low' },
  { value: 'moderate', label: 'Moderate' },
  { value: 'high', label: 'High' },
  { value: 'critical', label: 'Critical' },
];

const ceilings = [
  { value: 'AMBER', label: 'TLP:AMBER', hint: 'Room members and, on need-to-know, colleagues of their organisations.' },
  { value: 'AMBER+STRICT', label: 'TLP:AMBER+STRICT', hint: 'Room members and, on need-to-know, colleagues of their own organisation only.' },
  { value: 'RED', label: 'TLP:RED', hint: 'Named people only: no organisations, no nominations, no export.' },
];

const initial: FormState = {};

export function NewRoomForm({ organisations }: { organisations: Organisation[] }) {
  const [state, action, pending] = useActionState(openRoomAction, initial);
  const summaryRef = useErrorSummaryFocus(state.error ? state : null);
  useErrorTitle(Boolean(state.error));
  const v = state.values ?? {};
  const chosenOrganisations = new Set((v.organisations ?? '').split(',').filter(Boolean));

  return (
    <form action={action} noValidate>
      <div ref={summaryRef}>
        <ErrorSummary state={state} />
      </div>

      <InputField state={state} name="title" label="Restricted title" boldLabel hint="Only members of the room see this." type="text" maxLength={200} defaultValue={v.title} />

      <ChoiceGroup
        type="radio"
        state={state}
        name="severity"
        legend="Severity"
        hint="High and critical rooms text everyone invited"
        modifier="inline"
        choices={severities}
        isChecked={(value) => v.severity === value}
      />

      <ChoiceGroup
        type="radio"
        state={state}
        name="tlp"
        legend="TLP ceiling"
        hint="The most restricted label any post in the room may carry. The room itself is shown with this label."
        choices={ceilings}
        isChecked={(value) => v.tlp === value}
      />

      <TextareaField
        state={state}
        name="summary"
        label="Restricted summary"
        boldLabel
        hint="What has happened and what is affected. Only members of the room see this."
        rows={5}
        defaultValue={v.summary}
      />

      <InputField
        state={state}
        name="publicHeadline"
        label="Public headline"
        boldLabel
        hint="Shown on the public bulletin and in the SMS alert. Must not contain restricted details"
        type="text"
        maxLength={200}
        defaultValue={v.publicHeadline}
      />

      <ChoiceGroup
        type="checkbox"
        state={state}
        name="organisations"
        field="invite.organisations"
        legend="Invite organisations"
        hint="Everyone active in an invited organisation joins the room. Not for TLP:RED rooms, which admit named people only."
        modifier="small"
        choices={organisations.map((o) => ({
          value: o.odsCode,
          label: (
            <>
              {o.name} <span className="wr-ods-code">(ODS code {o.odsCode})</span>
            </>
          ),
        }))}
        isChecked={(value) => chosenOrganisations.has(value)}
      />

      <TextareaField
        state={state}
        name="users"
        field="invite.users"
        label="Invite people"
        boldLabel
        hint="Email addresses of Watchroom members, one per line"
        rows={4}
        autoComplete="off"
        spellCheck={false}
        defaultValue={v.users}
      />

      <SmsPreview />

      <button className="nhsuk-button" type="submit" disabled={pending} aria-disabled={pending}>
        {pending ? 'Opening the incident room…' : 'Open incident room'}
      </button>
    </form>
  );
}
