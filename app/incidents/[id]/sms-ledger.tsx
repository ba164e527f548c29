'use client';
import { DataTable } from '@/app/_components/data-table';
import { smsKindLabel, SmsStatusTag, type SmsStatus } from '../_components/labels';
import { useRoom } from './room-live';

const order: SmsStatus[] = ['delivered', 'sending', 'queued', 'failed'];

/** The room's texts for its leads: masked numbers only, statuses updated live from delivery receipts. */
export function SmsLedger({ bulletinUrl }: { bulletinUrl: string }) {
  const { texts } = useRoom();
  if (!texts) return null;
  const counts = order.map((status) => [status, texts.filter((t) => t.status === status).length] as const).filter(([, n]) => n > 0);
  return (
    <div data-testid="sms-ledger">
      {texts.length === 0 ? (
        <p>No texts were sent for this room. Only high and critical rooms send SMS alerts.</p>
      ) : (
        <>
          <p aria-live="polite" aria-atomic="true">
            {texts.length} {texts.length === 1 ? 'text' : 'texts'}: {counts.map(([status, n]) => `${n} ${status}`).join(', ')}.
          </p>
          <DataTable
            caption="Texts sent for this room"
            captionId="sms-ledger-caption"
            className="nhsuk-table--compact wr-sms-ledger"
            scroll="region"
            columns={['Recipient', 'Text', 'Status', 'Mobile', 'Organisation']}
            rows={texts}
            row={(t) => (
              <tr className="nhsuk-table__row" key={t.id} data-sms-id={t.id}>
                <td className="nhsuk-table__cell">{t.recipientName ?? 'Unknown'}</td>
                <td className="nhsuk-table__cell">
                  {t.kind === 'signpost' ? <a href={bulletinUrl}>{smsKindLabel.signpost}</a> : null}
                  {t.kind === 'follow_up' ? (
                    <a href={bulletinUrl}>
                      {smsKindLabel.follow_up} (version {t.bulletinVersion})
                    </a>
                  ) : null}
                  {t.kind === 'alert' ? smsKindLabel.alert : null}
                </td>
                <td className="nhsuk-table__cell">
                  <SmsStatusTag status={t.status} />
                  {t.failureReason && t.status !== 'delivered' ? <span className="wr-sms-reason">{t.failureReason}</span> : null}
                </td>
                <td className="nhsuk-table__cell wr-nowrap">
                  <span className="nhsuk-u-visually-hidden">Ending </span>
                  <span aria-hidden="true">{t.recipient}</span>
                  <span className="nhsuk-u-visually-hidden">{t.recipient.slice(-3).split('').join(' ')}</span>
                </td>
                <td className="nhsuk-table__cell">{t.organisationName ?? '–'}</td>
              </tr>
            )}
          />
        </>
      )}
    </div>
  );
}
