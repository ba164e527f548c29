import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { requireActor } from '@/app/_components/require-actor';
import { isAppError } from '@/lib/errors';
import { getUserForAdmin } from '@/lib/people/roles';
import { mayManageUsers } from '@/lib/policy';
import { roleLabel, statusLabel } from '../labels';
import { RoleForm } from './role-form';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Change role', robots: { index: false, follow: false } };

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await requireActor(`/admin/users/${id}`);
  if (!mayManageUsers(actor)) notFound();
  const user = await getUserForAdmin(actor, id).catch((e) => {
    if (isAppError(e)) notFound();
    throw e;
  });
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb items={[{ href: '/admin/users', text: 'Users' }]} />
      <h1>{user.name}</h1>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Email</dt><dd className="nhsuk-summary-list__value">{user.email}</dd></div>
        <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Organisation</dt><dd className="nhsuk-summary-list__value">{user.organisation} ({user.odsCode})</dd></div>
        <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Role</dt><dd className="nhsuk-summary-list__value">{roleLabel[user.role]}</dd></div>
        <div className="nhsuk-summary-list__row"><dt className="nhsuk-summary-list__key">Status</dt><dd className="nhsuk-summary-list__value">{statusLabel[user.status]}</dd></div>
      </dl>
      <RoleForm userId={user.id} current={user.role} />
    </main>
  );
}
