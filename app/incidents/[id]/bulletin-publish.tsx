'use client';
import { useActionState, useEffect, useRef, useState } from 'react';
import { SmsPreviewPanel, useFormPreview, type SmsPreviewData } from '../_components/sms-preview-panel';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import type { FormState } from '@/lib/http/action';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
const initial: FormState = {};

/**
 * The lead publishes a new version of the public (TLP:CLEAR) bulletin. Ticking "Text everyone" shows,
 * live, the exact follow-up text and how many people it goes to — the same preview as opening a room —
 * so publishing is the one act that sends.
 */
export function BulletinPublish({ roomId, action }: { roomId: string; action: Action }) {
  const [state, formAction, pending] = useActionState(action, initial);
  const form = useRef<HTMLFormElement>(null);
  const [textEveryone, setTextEveryone] = useState(false);
  const preview = useFormPreview<SmsPreviewData>(
    () => form.current,
    `/api/v1/incidents/${encodeURIComponent(roomId)}/bulletins/preview`,
    (el) => ({ headline: String(new FormData(el).get('headline') ?? '') }),
    textEveryone,
  );

  useEffect(() => {
    if (state.ok) setTextEveryone(false);
  }, [state]);

  const groupClass = (field: string) => `nhsuk-form-group${state.fields?.[field]?.length ? ' nhsuk-form-group--error' : ''}`;
  return (
    <section aria-labelledby="bulletin-heading" data-testid="bulletin-publish">
      <h2 id="bulletin-heading" className="nhsuk-heading-m">
        Publish a bulletin update
      </h2>
      <form action={formAction} noValidate ref={form}>
        <ErrorSummary state={state} titleId="bulletin-error-title" fieldIds={{ headline: 'bulletin-headline', body: 'bulletin-body' }} />
        {state.ok ? (
          <p className="nhsuk-body" role="status">
            The update was published.
          </p>
        ) : null}
        <div className={groupClass('headline')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="bulletin-headline">
            Public headline
          </label>
          <div className="nhsuk-hint" id="bulletin-headline-hint">
            TLP:CLEAR: anyone can read it. Do not repeat the room’s restricted title or summary.
          </div>
          <FieldError state={state} field="headline" id="bulletin-headline-error" />
          <input
            className="nhsuk-input"
            id="bulletin-headline"
            name="headline"
            type="text"
            maxLength={200}
            aria-describedby="bulletin-headline-hint"
            defaultValue={state.ok ? '' : (state.values?.headline ?? '')}
          />
        </div>
        <div className={groupClass('body')}>
          <label className="nhsuk-label nhsuk-label--s" htmlFor="bulletin-body">
            Update (optional, Markdown)
          </label>
          <FieldError state={state} field="body" id="bulletin-body-error" />
          <textarea className="nhsuk-textarea" id="bulletin-body" name="body" rows={4} defaultValue={state.ok ? '' : (state.values?.body ?? '')} />
        </div>
        <div className="nhsuk-form-group">
          <div className="nhsuk-checkboxes nhsuk-checkboxes--small">
            <div className="nhsuk-checkboxes__item">
              <input
                className="nhsuk-checkboxes__input"
                id="bulletin-text-everyone"
                name="textEveryone"
                type="checkbox"
                value="yes"
                checked={textEveryone}
                onChange={(e) => setTextEveryone(e.target.checked)}
                aria-describedby="bulletin-text-everyone-hint"
              />
              <label className="nhsuk-label nhsuk-checkboxes__label" htmlFor="bulletin-text-everyone">
                Text everyone a link to this update
              </label>
              <div className="nhsuk-hint nhsuk-checkboxes__hint" id="bulletin-text-everyone-hint">
                Everyone already texted for this room gets one text with their own link to the bulletin.
              </div>
            </div>
          </div>
        </div>
        {textEveryone ? (
          <SmsPreviewPanel
            heading="What publishing this update will send"
            testId="follow-up-preview"
            waiting="Working out who will be texted…"
            preview={preview}
            label={() => 'The text'}
            note="Each person’s link is their own: the x’s stand for it."
          />
        ) : null}
        <button className="nhsuk-button" type="submit" disabled={pending}>
          Publish update
        </button>
      </form>
    </section>
  );
}
