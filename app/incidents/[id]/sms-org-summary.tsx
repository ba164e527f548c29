'use client';
import { DataTable } from '@/app/_components/data-table';
import { useRoom, type RoomOrgSummary } from './room-live';

function escalationLabel(r: RoomOrgSummary) {
  const e = r.escalation;
  if (!e) return '–';
  if (e.outcome === 'escalated') return `Escalated: ${e.deputiesTexted} ${e.deputiesTexted === 1 ? 'deputy' : 'deputies'} texted`;
  if (e.outcome === 'no_deputies') return 'Not acknowledged; no deputy contacts to text';
  if (e.outcome === 'acknowledged' || r.acknowledged > 0) return 'Not needed';
  return `Deputies texted at ${e.dueAt.slice(11, 16)} UTC unless acknowledged`;
}

/**
 * Per organisation: texts by status, bulletin links opened, acknowledgements, escalation. For the room's
 * leads; refetched with the ledger on every room:sms:changed (receipts, opens, acknowledgements, escalations).
 */
export function SmsOrgSummary() {
  const { organisations: rows } = useRoom();
  if (!rows || rows.length === 0) return null;
  return (
    <div className="wr-scroll-table" data-testid="sms-org-summary">
      <DataTable
        caption="By organisation"
        captionVisible
        captionSize="s"
        className="nhsuk-table--compact"
        columns={['Organisation', 'Texts', 'Opened bulletin', 'Acknowledged', 'Escalation']}
        rows={rows}
        row={(r) => (
          <tr className="nhsuk-table__row" key={r.organisationId ?? 'none'} data-organisation-id={r.organisationId ?? ''}>
            <td className="nhsuk-table__cell">{r.organisationName}</td>
            <td className="nhsuk-table__cell">
              {r.texts === 0
                ? 'Nobody here has a verified mobile'
                : [
                    [r.delivered, 'delivered'],
                    [r.sending, 'sending'],
                    [r.queued, 'queued'],
                    [r.failed, 'failed'],
                  ]
                    .filter(([n]) => Number(n) > 0)
                    .map(([n, label]) => `${n} ${label}`)
                    .join(', ')}
            </td>
            <td className="nhsuk-table__cell">{r.opened}</td>
            <td className="nhsuk-table__cell">
              {r.acknowledged > 0 ? (
                <strong className="nhsuk-tag nhsuk-tag--green">Yes ({r.acknowledged})</strong>
              ) : (
                <strong className="nhsuk-tag nhsuk-tag--grey">Not yet</strong>
              )}
            </td>
            <td className="nhsuk-table__cell">{escalationLabel(r)}</td>
          </tr>
        )}
      />
    </div>
  );
}
