'use client';
import { useRef } from 'react';
import { SmsPreviewPanel, useFormPreview, type SmsPreviewData } from '../_components/sms-preview-panel';

type Preview = SmsPreviewData & { alerting: boolean; reference: string };

/** The form's fields as the preview API takes them (the same shape as opening a room). */
function payloadOf(form: HTMLFormElement) {
  const data = new FormData(form);
  const text = (name: string) => (typeof data.get(name) === 'string' ? String(data.get(name)) : '');
  return {
    title: text('title'),
    summary: text('summary'),
    severity: text('severity'),
    publicHeadline: text('publicHeadline'),
    invite: {
      organisations: data.getAll('organisations').filter((v): v is string => typeof v === 'string'),
      users: text('users').split(/[\s,;]+/).map((s) => s.trim()).filter(Boolean),
    },
  };
}

/**
 * Live, as the lead types: the exact text of both messages and how many people they will reach, so that
 * opening the room is the one act that sends. Without JavaScript the form still works; there is no preview.
 */
export function SmsPreview() {
  const anchor = useRef<HTMLDivElement>(null);
  const preview = useFormPreview<Preview>(() => anchor.current?.closest('form'), '/api/v1/incidents/preview', payloadOf);
  return (
    <div ref={anchor}>
      <SmsPreviewPanel
        heading="What opening this room will send"
        testId="sms-preview"
        waiting="Choose a severity to see the texts."
        preview={preview}
        label={(m) => (m.kind === 'alert' ? 'First, the alert' : 'Then, the signpost to the public bulletin')}
        note={`${preview?.reference} is the next free reference; it is fixed when the room opens. Each person’s link is their own: the x’s stand for it.`}
      />
    </div>
  );
}
