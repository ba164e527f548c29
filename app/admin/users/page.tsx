import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { DateTime } from '@/app/_components/date-time';
import { DataTable } from '@/app/_components/data-table';
import { requireActor } from '@/app/_components/require-actor';
import { listUsers, ROLES } from '@/lib/people/roles';
import { mayManageUsers } from '@/lib/policy';
import { roleLabel, statusLabel } from './labels';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users', robots: { index: false, follow: false } };

type Search = { q?: string; role?: string; status?: string; changed?: string };

/** Admins: every account with its role and status; search, filter, and change a role. */
export default async function UsersPage({ searchParams }: { searchParams: Promise<Search> }) {
  const actor = await requireActor('/admin/users');
  if (!mayManageUsers(actor)) notFound();
  const search = await searchParams;
  const filter = {
    q: typeof search.q === 'string' ? search.q : '',
    role: (ROLES as readonly string[]).includes(search.role ?? '') ? search.role : undefined,
    status: ['active', 'suspended', 'closed'].includes(search.status ?? '') ? search.status : undefined,
  };
  const users = await listUsers(actor, filter);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Users</h1>
      {search.changed ? (
        <div className="nhsuk-inset-text" role="status">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>Role changed. They have been signed out everywhere.</p>
        </div>
      ) : null}
      <form method="get" action="/admin/users" role="search" aria-label="Users" className="nhsuk-u-margin-bottom-5">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="q">Name, email or username</label>
            <input className="nhsuk-input" id="q" name="q" type="search" defaultValue={filter.q} />
          </div>
          <div className="nhsuk-grid-column-one-quarter nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="role">Role</label>
            <select className="nhsuk-select" id="role" name="role" defaultValue={filter.role ?? ''}>
              <option value="">Any role</option>
              {ROLES.map((r) => <option key={r} value={r}>{roleLabel[r]}</option>)}
            </select>
          </div>
          <div className="nhsuk-grid-column-one-quarter nhsuk-form-group">
            <label className="nhsuk-label" htmlFor="status">Status</label>
            <select className="nhsuk-select" id="status" name="status" defaultValue={filter.status ?? ''}>
              <option value="">Any status</option>
              {Object.entries(statusLabel).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
            </select>
          </div>
        </div>
        <button className="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0" type="submit">Search</button>
      </form>
      <p role="status">{users.length === 500 ? 'Showing the first 500 people. Search to narrow the list.' : `${users.length} ${users.length === 1 ? 'person' : 'people'}`}</p>
      {users.length ? (
        <div className="wr-table-scroll" tabIndex={0} role="region" aria-label="Users table">
          <DataTable
            caption="Users"
            className="nhsuk-table--compact"
            testId="users-table"
            columns={['Name', 'Organisation', 'Role', 'Status', 'Last active']}
            rows={users}
            row={(u) => (
              <tr className="nhsuk-table__row" key={u.id}>
                <td className="nhsuk-table__cell">
                  <a href={`/admin/users/${u.id}`}>{u.name}</a>
                  <br />
                  <span className="nhsuk-body-s">{u.email}</span>
                </td>
                <td className="nhsuk-table__cell">{u.organisation} ({u.odsCode})</td>
                <td className="nhsuk-table__cell">{roleLabel[u.role]}</td>
                <td className="nhsuk-table__cell">{u.status === 'active' ? statusLabel.active : <strong className="nhsuk-tag nhsuk-tag--grey">{statusLabel[u.status]}</strong>}</td>
                <td className="nhsuk-table__cell"><DateTime value={u.lastActiveAt} /></td>
              </tr>
            )}
          />
        </div>
      ) : null}
    </main>
  );
}
