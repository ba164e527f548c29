import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireActor } from '@/app/_components/require-actor';
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
        <table className="nhsuk-table nhsuk-table--compact" data-testid="contacts-table">
          <caption className="nhsuk-table__caption nhsuk-u-visually-hidden">Key contacts by organisation</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">Organisation</th>
              <th scope="col" className="nhsuk-table__header">Role</th>
              <th scope="col" className="nhsuk-table__header">Name</th>
              <th scope="col" className="nhsuk-table__header">Mobile</th>
              <th scope="col" className="nhsuk-table__header"><span className="nhsuk-u-visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {contacts.map((c) => (
              <tr className="nhsuk-table__row" key={c.id}>
                <td className="nhsuk-table__cell">{c.organisationName} ({c.odsCode})</td>
                <td className="nhsuk-table__cell">{roleLabel[c.role]}</td>
                <td className="nhsuk-table__cell">{c.name}{c.hasAccount ? '' : ' (no account)'}</td>
                <td className="nhsuk-table__cell wr-nowrap">{c.mobile}</td>
                <td className="nhsuk-table__cell">
                  <form action={removeContactAction}>
                    <input type="hidden" name="id" value={c.id} />
                    <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0" type="submit">
                      Remove<span className="nhsuk-u-visually-hidden"> {c.name}</span>
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>Add a contact</h2>
      <ContactForm organisations={organisations} />
    </main>
  );
}
