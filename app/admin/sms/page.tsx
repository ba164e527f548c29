import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireActor, staffPageMetadata } from '@/app/_components/require-actor';
import { SendingStatusBanner } from '@/app/_components/sending-status-banner';
import { getSendingState } from '@/lib/alerts/sending-controls';
import { listRecentTexts } from '@/lib/alerts/simulated-outbox';
import { mayViewSimulatedSms } from '@/lib/policy';
import { DateTime } from '@/app/_components/date-time';
import { DataTable } from '@/app/_components/data-table';
import { smsKindLabel, SmsStatusTag } from '@/app/incidents/_components/labels';
import { setSendingPausedAction } from './actions';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffPageMetadata('SMS outbox', mayViewSimulatedSms);

export default async function SmsOutboxPage() {
  const actor = await requireActor('/admin/sms');
  if (!mayViewSimulatedSms(actor)) notFound();
  const [{ simulatedMode, texts }, sending] = await Promise.all([listRecentTexts(actor), getSendingState()]);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>SMS outbox</h1>
      <SendingStatusBanner state={sending} />
      <form action={setSendingPausedAction} className="nhsuk-u-margin-bottom-6">
        <input type="hidden" name="paused" value={sending.paused ? 'false' : 'true'} />
        <button className={`nhsuk-button ${sending.paused ? '' : 'nhsuk-button--warning'}`} type="submit" data-testid="sending-toggle">
          {sending.paused ? 'Resume sending' : 'Pause all sending'}
        </button>
      </form>
      <div className="nhsuk-notification-banner" role="region" aria-labelledby="sms-mode-title">
        <div className="nhsuk-notification-banner__header">
          <h2 className="nhsuk-notification-banner__title" id="sms-mode-title">
            {simulatedMode ? 'Simulated mode' : 'Live mode'}
          </h2>
        </div>
        <div className="nhsuk-notification-banner__content">
          {simulatedMode ? (
            <p className="nhsuk-notification-banner__heading">
              No NOTIFY_API_KEY is set: texts are simulated and shown here, not sent.
            </p>
          ) : (
            <p className="nhsuk-notification-banner__heading">Texts are sent through GOV.UK Notify. This is a record of what was sent.</p>
          )}
        </div>
      </div>
      <p>
        The {texts.length === 200 ? '200 most recent texts' : texts.length === 1 ? 'one text' : `${texts.length} texts`}, newest first. Numbers
        are masked; each text is exactly what was {simulatedMode ? 'composed' : 'handed to Notify'}.
      </p>
      {texts.length === 0 ? (
        <p>No texts yet. Opening a high or critical incident room sends them.</p>
      ) : (
        <DataTable
          caption="Recent texts, newest first"
          captionId="outbox-caption"
          className="nhsuk-table--compact wr-sms-outbox"
          scroll="region"
          columns={['Time', 'Reference', 'Kind', 'Recipient', 'Status', 'Text']}
          rows={texts}
          row={(t) => (
            <tr className="nhsuk-table__row" key={t.id}>
              <td className="nhsuk-table__cell">
                <DateTime value={t.createdAt} />
              </td>
              <td className="nhsuk-table__cell wr-nowrap">{t.reference}</td>
              <td className="nhsuk-table__cell">{smsKindLabel[t.kind]}</td>
              <td className="nhsuk-table__cell wr-nowrap">{t.recipient}</td>
              <td className="nhsuk-table__cell">
                <SmsStatusTag status={t.status} />
                {t.simulated ? <span className="wr-sms-reason">Simulated</span> : null}
                {t.failureReason && t.status !== 'delivered' ? <span className="wr-sms-reason">{t.failureReason}</span> : null}
              </td>
              <td className="nhsuk-table__cell">
                <pre className="wr-sms-body">{t.body}</pre>
              </td>
            </tr>
          )}
        />
      )}
    </main>
  );
}
