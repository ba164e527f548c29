'use client';
import { useEffect, useRef, useState } from 'react';
import { apiFetch } from '@/app/_components/api-fetch';

type Preview = {
  alerting: boolean;
  reference: string;
  messages: { kind: 'alert' | 'signpost'; body: string; length: number; fragments: number }[];
  summary: string;
  problems: string[];
};

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
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(() => {
    const form = anchor.current?.closest('form');
    if (!form) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        controller?.abort();
        controller = new AbortController();
        try {
          const res = await apiFetch('/api/v1/incidents/preview', { method: 'POST', body: payloadOf(form), signal: controller.signal });
          if (res.ok) setPreview(await res.json());
        } catch {
          // Aborted by a newer keystroke, or offline: keep the last preview.
        }
      }, 300);
    };
    form.addEventListener('input', refresh);
    form.addEventListener('change', refresh);
    refresh();
    return () => {
      clearTimeout(timer);
      controller?.abort();
      form.removeEventListener('input', refresh);
      form.removeEventListener('change', refresh);
    };
  }, []);

  return (
    <div ref={anchor} className="nhsuk-inset-text wr-sms-preview" data-testid="sms-preview" aria-live="polite">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <h3 className="nhsuk-heading-s">What opening this room will send</h3>
      {!preview ? (
        <p>Choose a severity to see the texts.</p>
      ) : (
        <>
          <p>
            <strong data-testid="sms-preview-summary">{preview.summary}</strong>
          </p>
          {preview.messages.map((m) => (
            <div key={m.kind}>
              <p className="nhsuk-u-margin-bottom-1">
                {m.kind === 'alert' ? 'First, the alert' : 'Then, the signpost to the public bulletin'} ({m.length} characters,{' '}
                {m.fragments} {m.fragments === 1 ? 'text' : 'texts'}):
              </p>
              <pre className="wr-sms-body">{m.body}</pre>
            </div>
          ))}
          {preview.messages.length ? <p className="nhsuk-hint">{preview.reference} is the next free reference; it is fixed when the room opens. Each person’s link is their own: the x’s stand for it.</p> : null}
          {preview.problems.map((p) => (
            <p key={p} className="nhsuk-error-message">
              <span className="nhsuk-u-visually-hidden">Error: </span>
              {p}
            </p>
          ))}
        </>
      )}
    </div>
  );
}
