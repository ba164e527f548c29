'use client';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { apiFetch } from '@/app/_components/api-fetch';

export type SmsPreviewMessage = { kind: string; body: string; length: number; fragments: number };
export type SmsPreviewData = { messages: SmsPreviewMessage[]; summary: string; problems: string[] };

/**
 * While `enabled`, POSTs `payload(form)` to `url` 300 ms after the form's last input or change (a newer request
 * aborts the one in flight) and returns the latest answer; an aborted or failed request keeps the last one.
 */
export function useFormPreview<T>(form: () => HTMLFormElement | null | undefined, url: string, payload: (form: HTMLFormElement) => unknown, enabled = true): T | null {
  const [preview, setPreview] = useState<T | null>(null);
  const source = useRef({ form, payload });
  source.current = { form, payload };
  useEffect(() => {
    const el = source.current.form();
    if (!el || !enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let controller: AbortController | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        controller?.abort();
        controller = new AbortController();
        try {
          const res = await apiFetch(url, { method: 'POST', body: source.current.payload(el), signal: controller.signal });
          if (res.ok) setPreview((await res.json()) as T);
        } catch {
          // Aborted by a newer keystroke, or offline: keep the last preview.
        }
      }, 300);
    };
    el.addEventListener('input', refresh);
    el.addEventListener('change', refresh);
    refresh();
    return () => {
      clearTimeout(timer);
      controller?.abort();
      el.removeEventListener('input', refresh);
      el.removeEventListener('change', refresh);
    };
  }, [url, enabled]);
  return preview;
}

/** The exact texts an act will send and to how many people, with any problem that would stop it. */
export function SmsPreviewPanel({
  heading,
  testId,
  waiting,
  preview,
  label,
  note,
}: {
  heading: string;
  testId: string;
  /** Shown until the first preview arrives. */
  waiting: string;
  preview: SmsPreviewData | null;
  /** What the message is, before its length ("First, the alert"). */
  label: (message: SmsPreviewMessage) => string;
  /** Under the messages, when there are any. */
  note: ReactNode;
}) {
  return (
    <div className="nhsuk-inset-text wr-sms-preview" data-testid={testId} aria-live="polite">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <h3 className="nhsuk-heading-s">{heading}</h3>
      {!preview ? (
        <p>{waiting}</p>
      ) : (
        <>
          <p>
            <strong data-testid={`${testId}-summary`}>{preview.summary}</strong>
          </p>
          {preview.messages.map((m) => (
            <div key={m.kind}>
              <p className="nhsuk-u-margin-bottom-1">
                {label(m)} ({m.length} characters, {m.fragments} {m.fragments === 1 ? 'text' : 'texts'}):
              </p>
              <pre className="wr-sms-body">{m.body}</pre>
            </div>
          ))}
          {preview.messages.length ? <p className="nhsuk-hint">{note}</p> : null}
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
