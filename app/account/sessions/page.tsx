import type { Metadata } from 'next';
import { listMySessions } from '@/lib/auth/list-sessions';
import { DateTime } from '../../_components/date-time';
import { DataTable } from '../../_components/data-table';
import { requireActor } from '../../_components/require-actor';
import { AccountNav } from '../account-nav';
import { RevokeOthersButton, RevokeSessionButton } from './revoke-buttons';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Where you are signed in', robots: { index: false, follow: false } };

/** My active sign-in sessions: device, IP address, when started and last seen; sign any of them out. */
type Search = { searchParams: Promise<{ done?: string; n?: string }> };

function doneText(done: string | undefined, n: string | undefined): string | null {
  if (done === 'one') return 'That session is signed out.';
  if (done === 'others') return n === '1' ? '1 other session is signed out.' : `${/^\d{1,4}$/.test(n ?? '') ? n : 'All'} other sessions are signed out.`;
  return null;
}

export default async function SessionsPage({ searchParams }: Search) {
  const actor = await requireActor('/account/sessions');
  const [sessions, search] = await Promise.all([listMySessions(actor), searchParams]);
  const done = doneText(search.done, search.n);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-full">
          {done ? (
            <div className="nhsuk-inset-text" role="status" data-testid="sessions-done">
              <p>{done}</p>
            </div>
          ) : null}
          <h1>Where you are signed in</h1>
          <AccountNav />
          <p>
            These are the browsers and devices signed in to your account. If you do not recognise one, sign it out and{' '}
            <a href="/account/password">change your password</a>.
          </p>
          <DataTable
            caption="Active sessions"
            captionVisible
            testId="session-table"
            scroll="plain"
            columns={['Device', 'IP address', 'Signed in', 'Last seen', { label: 'Action', visuallyHidden: true }]}
            rows={sessions}
            row={(s) => (
              <tr className="nhsuk-table__row" key={s.id} data-testid="session-row">
                <td className="nhsuk-table__cell">
                  <strong>{s.device}</strong>
                  {s.current ? (
                    <>
                      {' '}
                      <strong className="nhsuk-tag nhsuk-tag--green">This session</strong>
                    </>
                  ) : null}
                  <br />
                  <span className="nhsuk-body-s">{s.userAgent || 'No browser details'}</span>
                </td>
                <td className="nhsuk-table__cell">{s.ip ?? 'Unknown'}</td>
                <td className="nhsuk-table__cell">
                  <DateTime value={s.createdAt} />
                </td>
                <td className="nhsuk-table__cell">
                  <DateTime value={s.lastSeenAt} />
                </td>
                <td className="nhsuk-table__cell">{s.current ? null : <RevokeSessionButton sessionId={s.id} device={s.device} />}</td>
              </tr>
            )}
          />
          {others > 0 ? <RevokeOthersButton /> : <p>You are not signed in anywhere else.</p>}
        </div>
      </div>
    </main>
  );
}
