import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireActor } from '@/app/_components/require-actor';
import { DataTable } from '@/app/_components/data-table';
import { RemoveRowForm } from '@/app/_components/remove-row-form';
import { listOrganisationContacts, organisationsForContacts } from '@/lib/alerts/contacts';
import { isStaff } from '@/lib/policy';
import { removeContactAction } from './actions';
import { ContactForm } from './contact-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Key contacts', robots: { index: false, follow: false } };

const roleLabel = { primary: 'Primary', deputy: 'Deputy', alert_only: 'Alert-only' } as const;

export default async function ContactsPage() {
  const actor = await requireActor('/admin/contacts');
  if (!isStaff(actor)) notFound();
  const [contacts, organisations] = await Promise.all([
    listOrganisationContacts(actor),
    organisationsForContacts(actor),
  ]);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Key contacts</h1>
      <p>Who is texted for each organisation when it is invited to a high or critical incident room. Numbers are masked.</p>
      {contacts.length === 0 ? (
        <p>No contacts yet.</p>
      ) : (
        <DataTable
          caption="Key contacts by organisation"
          className="nhsuk-table--compact"
          testId="contacts-table"
          columns={['Organisation', 'Role', 'Name', 'Mobile', { label: 'Actions', visuallyHidden: true }]}
          rows={contacts}
          row={(c) => (
            <tr className="nhsuk-table__row" key={c.id}>
              <td className="nhsuk-table__cell">{c.organisationName} ({c.odsCode})</td>
              <td className="nhsuk-table__cell">{roleLabel[c.role]}</td>
              <td className="nhsuk-table__cell">{c.name}{c.hasAccount ? '' : ' (no account)'}</td>
              <td className="nhsuk-table__cell wr-nowrap">{c.mobile}</td>
              <td className="nhsuk-table__cell">
                <RemoveRowForm action={removeContactAction} field="id" value={c.id} what={c.name} />
              </td>
            </tr>
          )}
        />
      )}
      <h2>Add a contact</h2>
      <ContactForm organisations={organisations} />
    </main>
  );
}
