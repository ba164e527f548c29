import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DateTime } from '@/app/_components/date-time';
import { requireActor } from '@/app/_components/require-actor';
import { mayManageEmailDomains } from '@/lib/policy';
import { listEmailDomains } from '@/lib/vetting/email-domains';
import { removeDomainAction } from './actions';
import { DomainForm } from './domain-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Email domains', robots: { index: false, follow: false } };

/** Admins: the work-email domains people may request an account with. */
export default async function EmailDomainsPage({ searchParams }: { searchParams: Promise<{ added?: string; removed?: string }> }) {
  const actor = await requireActor('/admin/email-domains');
  if (!mayManageEmailDomains(actor)) notFound();
  const [domains, search] = await Promise.all([listEmailDomains(actor), searchParams]);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Email domains</h1>
      {search.added || search.removed ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{search.added ? 'Domain added.' : 'Domain removed. Existing accounts are not affected.'}</p>
        </div>
      ) : null}
      <p>People can only request an account with a work email on one of these domains.</p>
      {domains.length === 0 ? (
        <p>No domains yet: nobody can request an account.</p>
      ) : (
        <table className="nhsuk-table" data-testid="domains-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Allowed email domains</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Domain</th>
              <th scope="col" className="nhsuk-table__header">Added</th>
              <th scope="col" className="nhsuk-table__header"><span className="nhsuk-u-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {domains.map((d) => (
              <tr className="nhsuk-table__row" key={d.domain}>
                <td className="nhsuk-table__cell">{d.domain}</td>
                <td className="nhsuk-table__cell"><DateTime value={d.createdAt} />{d.addedBy ? ` by ${d.addedBy}` : ''}</td>
                <td className="nhsuk-table__cell">
                  <form action={removeDomainAction}>
                    <input type="hidden" name="domain" value={d.domain} />
                    <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0" type="submit">
                      Remove<span className="nhsuk-u-visually-hidden"> {d.domain}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Add a domain</h2>
      <DomainForm />
    </main>
  );
}
