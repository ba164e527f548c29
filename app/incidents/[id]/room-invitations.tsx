'use client';
import { useActionState, useEffect, useRef, useState } from 'react';
import { DataTable } from '@/app/_components/data-table';
import { DateTime } from '@/app/_components/date-time';
import { ErrorSummary, FieldError } from '@/app/_components/error-summary';
import type { FormState } from '@/lib/http/action';

type Action = (prev: FormState, form: FormData) => Promise<FormState>;
export type RoomInvitation = {
  id: string;
  kind: 'person' | 'organisation';
  status: 'pending' | 'accepted' | 'declined' | 'revoked' | 'expired';
  inviteeName: string | null;
  organisationName: string | null;
  odsCode: string | null;
  inviterName: string;
  createdAt: string;
  expiresAt: string;
};
type Org = { odsCode: string; name: string };

const statusText = { pending: 'Waiting', accepted: 'Accepted', declined: 'Declined', revoked: 'Revoked', expired: 'Expired' } as const;

/** A lead invites people and organisations after the room opens, and sees and revokes invitations. */
export function RoomInvitations({
  red,
  invitations,
  inviteAction,
  revokeActions,
}: {
  red: boolean;
  invitations: RoomInvitation[];
  inviteAction: Action;
  revokeActions: Record<string, Action>;
}) {
  const [state, formAction, pending] = useActionState(inviteAction, {});
  const orgsRef = useRef<HTMLInputElement>(null);
  const v = state.ok ? {} : (state.values ?? {});
  return (
    <section aria-labelledby="invite-heading" data-testid="room-invitations">
      <h2 id="invite-heading">Invitations</h2>
      <form action={formAction} noValidate key={state.ok ? 'sent' : 'form'}>
        <ErrorSummary state={state} titleId="invite-error-title" fieldIds={{ users: 'invite-users', organisations: 'invite-organisations' }} />
        {state.ok ? (
          <p className="nhsuk-body" role="status">
            Invitations sent.
          </p>
        ) : null}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--s" htmlFor="invite-users">
            People (email addresses)
          </label>
          <div className="nhsuk-hint" id="invite-users-hint">
            Separate addresses with commas or new lines. They see only the public headline until they accept.
          </div>
          <FieldError state={state} field="users" id="invite-users-error" />
          <textarea className="nhsuk-textarea" id="invite-users" name="users" rows={2} defaultValue={v.users} aria-describedby="invite-users-hint" />
        </div>
        {red ? (
          <p className="nhsuk-body-s">TLP:RED rooms admit named people only: no organisation invitations.</p>
        ) : (
          <div className="nhsuk-form-group">
            <label className="nhsuk-label nhsuk-label--s" htmlFor="invite-organisations">
              Organisations (ODS codes)
            </label>
            <div className="nhsuk-hint" id="invite-organisations-hint">
              Their designated incident contacts accept for them, then nominate colleagues who need to know.
            </div>
            <FieldError state={state} field="organisations" id="invite-organisations-error" />
            <input
              ref={orgsRef}
              className="nhsuk-input nhsuk-input--width-20"
              id="invite-organisations"
              name="organisations"
              defaultValue={v.organisations}
              aria-describedby="invite-organisations-hint"
            />
            <OrganisationFinder onPick={(code) => addCode(orgsRef.current, code)} />
          </div>
        )}
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-label--s" htmlFor="invite-days">
            Expires after (days)
          </label>
          <input className="nhsuk-input nhsuk-input--width-2" id="invite-days" name="expiresInDays" inputMode="numeric" defaultValue={v.expiresInDays ?? '7'} />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={pending}>
          Send invitations
        </button>
      </form>
      {invitations.length ? (
        <DataTable
          caption="Invitations sent after the room opened"
          captionVisible
          captionSize="s"
          className="nhsuk-table--compact"
          columns={['Invitee', 'Status', 'Invited by', 'Expires', { label: 'Action', visuallyHidden: true }]}
          rows={invitations}
          row={(i) => (
            <tr className="nhsuk-table__row" key={i.id} data-invitation-id={i.id}>
              <td className="nhsuk-table__cell">{i.kind === 'person' ? i.inviteeName : `${i.organisationName} (${i.odsCode})`}</td>
              <td className="nhsuk-table__cell">{statusText[i.status]}</td>
              <td className="nhsuk-table__cell">{i.inviterName}</td>
              <td className="nhsuk-table__cell">
                <DateTime value={i.expiresAt} />
              </td>
              <td className="nhsuk-table__cell">
                {i.status === 'pending' && revokeActions[i.id] ? (
                  <RevokeButton action={revokeActions[i.id]} label={i.inviteeName ?? i.organisationName ?? ''} />
                ) : null}
              </td>
            </tr>
          )}
        />
      ) : null}
    </section>
  );
}

function addCode(input: HTMLInputElement | null, code: string) {
  if (!input) return;
  const codes = input.value.split(/[\s,;]+/).filter(Boolean);
  if (!codes.includes(code)) input.value = [...codes, code].join(', ');
  input.focus();
}

function RevokeButton({ action, label }: { action: Action; label: string }) {
  const [state, formAction, pending] = useActionState(action, {});
  return (
    <form action={formAction}>
      {state.error ? <span className="nhsuk-error-message">{state.error}</span> : null}
      <button className="nhsuk-button nhsuk-button--warning nhsuk-button--small" type="submit" disabled={pending}>
        Revoke<span className="nhsuk-u-visually-hidden"> the invitation to {label}</span>
      </button>
    </form>
  );
}

/** Finds organisations by name or ODS code through the API, and adds the chosen code to the field. */
function OrganisationFinder({ onPick }: { onPick: (code: string) => void }) {
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Org[]>([]);
  useEffect(() => {
    if (q.trim().length < 2) {
      setResults([]);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      fetch(`/api/v1/organisations?q=${encodeURIComponent(q.trim())}`, { signal: controller.signal, credentials: 'same-origin' })
        .then((r) => (r.ok ? r.json() : { organisations: [] }))
        .then((d: { organisations: Org[] }) => setResults(d.organisations))
        .catch(() => undefined);
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q]);
  return (
    <div className="wr-org-finder">
      <label className="nhsuk-label" htmlFor="org-finder">
        Find an organisation by name or ODS code
      </label>
      <input className="nhsuk-input nhsuk-input--width-20" id="org-finder" type="search" value={q} onChange={(e) => setQ(e.target.value)} autoComplete="off" />
      <ul className="nhsuk-list wr-org-finder__results" aria-live="polite">
        {results.map((o) => (
          <li key={o.odsCode}>
            <button type="button" className="nhsuk-link wr-link-button" onClick={() => onPick(o.odsCode)}>
              Add {o.name} ({o.odsCode})
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
