import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DateTime } from '@/app/_components/date-time';
import { DataTable } from '@/app/_components/data-table';
import { RemoveRowForm } from '@/app/_components/remove-row-form';
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
        <DataTable
          caption="Allowed email domains"
          testId="domains-table"
          columns={['Domain', 'Added', { label: 'Actions', visuallyHidden: true }]}
          rows={domains}
          row={(d) => (
            <tr className="nhsuk-table__row" key={d.domain}>
              <td className="nhsuk-table__cell">{d.domain}</td>
              <td className="nhsuk-table__cell"><DateTime value={d.createdAt} />{d.addedBy ? ` by ${d.addedBy}` : ''}</td>
              <td className="nhsuk-table__cell">
                <RemoveRowForm action={removeDomainAction} field="domain" value={d.domain} what={d.domain} />
              </td>
            </tr>
          )}
        />
      )}
      <h2>Add a domain</h2>
      <DomainForm />
    </main>
  );
}
