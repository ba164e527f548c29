'use client';
import { useActionState, useCallback, useEffect, useState } from 'react';
import { DateTime } from '@/app/_components/date-time';
import { DataTable } from '@/app/_components/data-table';
import { ErrorSummary } from '@/app/_components/error-summary';
import { useLive } from '@/app/_components/use-live';
import type { FormState } from '@/lib/http/action';
import { useRoom } from './room-live';

export type BoardRow = {
  organisationId: string;
  organisationName: string;
  odsCode: string;
  status: OrgStatus | null;
  note: string | null;
  updatedAt: string | null;
  updatedByName: string | null;
};
type OrgStatus = 'not_affected' | 'investigating' | 'impacted' | 'contained' | 'recovered';

const statusTag: Record<OrgStatus, { text: string; colour: string }> = {
  not_affected: { text: 'Not affected', colour: 'grey' },
  investigating: { text: 'Investigating', colour: 'blue' },
  impacted: { text: 'Impacted', colour: 'red' },
  contained: { text: 'Contained', colour: 'yellow' },
  recovered: { text: 'Recovered', colour: 'green' },
};
const STATUSES = Object.keys(statusTag) as OrgStatus[];

/**
 * Each invited organisation's state, live: the event carries the room id only, and the board is read
 * again through the API (which checks membership). Must sit inside <RoomLive>, which holds the room's subscription.
 */
export function OrgStatusBoard({
  roomId,
  initial,
  reportAction,
}: {
  roomId: string;
  initial: BoardRow[];
  reportAction: ((prev: FormState, form: FormData) => Promise<FormState>) | null;
}) {
  const [board, setBoard] = useState(initial);
  useEffect(() => setBoard(initial), [initial]);
  const refresh = useCallback(async () => {
    const res = await fetch(`/api/v1/incidents/${encodeURIComponent(roomId)}/org-status`, { cache: 'no-store', credentials: 'same-origin' });
    if (res.ok) setBoard(((await res.json()) as { board: BoardRow[] }).board);
  }, [roomId]);
  useLive(null, {
    'room:org-status:changed': (payload) => {
      if (payload.roomId === roomId) void refresh();
    },
  });
  // Once the room's subscription is accepted (and after each reconnect), catch up on changes sent before it.
  const { liveCount } = useRoom();
  useEffect(() => {
    if (liveCount > 0) void refresh();
  }, [liveCount, refresh]);
  if (board.length === 0 && !reportAction) return null;
  return (
    <section aria-labelledby="board-heading" data-testid="org-status-board">
      <h2 id="board-heading">Organisation status</h2>
      {board.length ? (
        <DataTable
          caption="Status reported by each invited organisation"
          className="nhsuk-table--compact"
          columns={['Organisation', 'Status', 'Note', 'Reported']}
          rows={board}
          live="polite"
          row={(b) => (
            <tr className="nhsuk-table__row" key={b.organisationId} data-organisation-id={b.organisationId}>
              <td className="nhsuk-table__cell">
                {b.organisationName} <span className="wr-ods-code">({b.odsCode})</span>
              </td>
              <td className="nhsuk-table__cell">
                {b.status ? <strong className={`nhsuk-tag nhsuk-tag--${statusTag[b.status].colour}`}>{statusTag[b.status].text}</strong> : 'Not reported'}
              </td>
              <td className="nhsuk-table__cell">{b.note || '–'}</td>
              <td className="nhsuk-table__cell">
                {b.updatedAt ? (
                  <>
                    <DateTime value={b.updatedAt} />
                    <br />
                    <span className="nhsuk-body-s">{b.updatedByName}</span>
                  </>
                ) : (
                  '–'
                )}
              </td>
            </tr>
          )}
        />
      ) : null}
      {reportAction ? <ReportForm action={reportAction} onDone={refresh} /> : null}
    </section>
  );
}

function ReportForm({ action, onDone }: { action: (prev: FormState, form: FormData) => Promise<FormState>; onDone: () => void }) {
  const [state, formAction, pending] = useActionState(action, {});
  useEffect(() => {
    if (state.ok) onDone();
  }, [state, onDone]);
  return (
    <form action={formAction} noValidate className="wr-org-status-form">
      <ErrorSummary state={state} titleId="org-status-error-title" fieldIds={{ status: 'org-status' }} />
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-label--s" htmlFor="org-status">
          Your organisation’s status
        </label>
        <select className="nhsuk-select" id="org-status" name="status" defaultValue="investigating">
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusTag[s].text}
            </option>
          ))}
        </select>
      </div>
      <div className="nhsuk-form-group">
        <label className="nhsuk-label nhsuk-label--s" htmlFor="org-status-note">
          Note (optional)
        </label>
        <input className="nhsuk-input" id="org-status-note" name="note" maxLength={1000} />
      </div>
      <button className="nhsuk-button nhsuk-button--secondary" type="submit" disabled={pending}>
        Report status
      </button>
    </form>
  );
}
