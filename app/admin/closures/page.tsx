import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DateTime } from '@/app/_components/date-time';
import { requireActor } from '@/app/_components/require-actor';
import { listClosureRequests } from '@/lib/people/close-account';
import { mayModerate } from '@/lib/policy';
import { completeClosureAction } from './actions';

export const dynamic = 'force-dynamic';

/** Only our own messages are echoed from the query string. */
const ERRORS = new Set(['This account is already closed.', 'This person has not asked for their account to be closed.', 'You cannot close this account.']);
export const metadata: Metadata = { title: 'Account closures', robots: { index: false, follow: false } };

/** Moderators: people who asked for their account to be closed, oldest first. Closing anonymises the account. */
export default async function ClosuresPage({ searchParams }: { searchParams: Promise<{ done?: string; error?: string }> }) {
  const actor = await requireActor('/admin/closures');
  if (!mayModerate(actor)) notFound();
  const [queue, { done, error }] = await Promise.all([listClosureRequests(actor), searchParams]);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Account closures</h1>
      {done === 'closed' ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Account closed. Its posts now show “a former member”.</p>
        </div>
      ) : null}
      {error ? (
        <div className="nhsuk-error-summary" role="alert" aria-labelledby="closure-error-title" tabIndex={-1}>
          <h2 className="nhsuk-error-summary__title" id="closure-error-title">
            There is a problem
          </h2>
          <div className="nhsuk-error-summary__body">
            <p>{ERRORS.has(error) ? error : 'The account could not be closed.'}</p>
          </div>
        </div>
      ) : null}
      <p>
        Closing an account removes the person’s name, email address, mobile number and profile, signs them out everywhere and stops them
        signing in. Their posts stay, shown as written by “a former member”. It cannot be undone.
      </p>
      {queue.length === 0 ? (
        <p data-testid="closures-empty">No one is waiting for their account to be closed.</p>
      ) : (
        <table className="nhsuk-table">
          <caption className="nhsuk-table__caption">Closure requests, oldest first</caption>
          <thead className="nhsuk-table__head">
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Organisation</th>
              <th scope="col">Asked</th>
              <th scope="col">
                <span className="nhsuk-u-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {queue.map((r) => (
              <tr key={r.id} data-testid="closure-request">
                <td>
                  {r.name}
                  <br />
                  <span className="nhsuk-body-s">{r.email}</span>
                </td>
                <td>{r.organisation}</td>
                <td>{r.requestedAt ? <DateTime value={r.requestedAt} /> : null}</td>
                <td>
                  <form action={completeClosureAction}>
                    <input type="hidden" name="userId" value={r.id} />
                    <button className="nhsuk-button nhsuk-button--warning nhsuk-u-margin-bottom-0" type="submit">
                      Close account<span className="nhsuk-u-visually-hidden"> of {r.name}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
