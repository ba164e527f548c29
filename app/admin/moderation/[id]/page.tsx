import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getUserStanding } from '@/lib/moderation/user-standing';
import { mayModerate } from '@/lib/policy';
import { Breadcrumb } from '../../../_components/breadcrumb';
import { DateTime } from '../../../_components/date-time';
import { orNotFound } from '../../../_components/load-or-not-found';
import { currentActor, requireActor } from '../../../_components/require-actor';
import { SuccessBanner } from '../../../_components/success-banner';
import { liftAction, silenceAction, suspendAction } from '../actions';
import { StandingTags } from '../standing-summary';
import { LiftForm, SanctionForm } from './sanction-forms';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const actor = await currentActor();
  if (!actor) return { title: 'Sign in' };
  return { title: mayModerate(actor) ? 'Member standing' : 'Page not found', robots: { index: false, follow: false } };
}

const doneText: Record<string, string> = {
  silenced: 'Silenced. They can read but not post until the end date.',
  suspended: 'Suspended. They have been signed out everywhere.',
  unsilenced: 'Silence lifted. They can post again.',
  unsuspended: 'Suspension lifted. They can sign in again.',
};

/** One member's standing, with the forms to silence, suspend or lift either. */
export default async function MemberStandingPage({ params, searchParams }: Params) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const actor = await requireActor(`/admin/moderation/${encodeURIComponent(id)}`);
  if (!mayModerate(actor)) notFound();
  const user = await orNotFound(() => getUserStanding(actor, id));
  const done = typeof search.done === 'string' ? doneText[search.done] : undefined;
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb items={[{ href: '/admin/moderation', text: 'Silence or suspend members' }]} />
      {done ? (
        <SuccessBanner titleId="done-title" testId="standing-done" heading={done} />
      ) : null}
      <h1>{user.name}</h1>
      <dl className="nhsuk-summary-list">
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Email</dt>
          <dd className="nhsuk-summary-list__value">{user.email}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Organisation</dt>
          <dd className="nhsuk-summary-list__value">{user.organisationName}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Role</dt>
          <dd className="nhsuk-summary-list__value">{user.role.replace('_', ' ')}</dd>
        </div>
        <div className="nhsuk-summary-list__row">
          <dt className="nhsuk-summary-list__key">Standing</dt>
          <dd className="nhsuk-summary-list__value" data-testid="standing">
            <StandingTags user={user} />
            {user.silenced && user.silenceReason ? <p className="nhsuk-body-s nhsuk-u-margin-top-2">Silence reason: {user.silenceReason}</p> : null}
            {user.status === 'suspended' && user.suspensionReason ? <p className="nhsuk-body-s nhsuk-u-margin-top-2">Suspension reason: {user.suspensionReason}</p> : null}
          </dd>
        </div>
      </dl>
      <p>
        <a href={`/admin/staff-log?target=${encodeURIComponent(user.email)}`}>Staff actions about {user.name}</a>
      </p>
      {!user.mayModerate ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>{user.id === actor.id ? 'You cannot act on your own account.' : 'Moderators cannot act on admins. Ask an admin.'}</p>
        </div>
      ) : user.status === 'closed' ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>This account is closed.</p>
        </div>
      ) : (
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-one-half">
            <h2 className="nhsuk-heading-m">{user.silenced ? 'Silenced' : 'Silence'}</h2>
            {user.silenced && user.silencedUntil ? (
              <>
                <p>
                  Read-only until <DateTime value={user.silencedUntil} />. Silencing again replaces the end date.
                </p>
                <LiftForm what="silence" action={liftAction.bind(null, user.id)} />
              </>
            ) : null}
            <SanctionForm kind="silence" name={user.name} action={silenceAction.bind(null, user.id)} />
          </div>
          <div className="nhsuk-grid-column-one-half">
            <h2 className="nhsuk-heading-m">{user.status === 'suspended' ? 'Suspended' : 'Suspend'}</h2>
            {user.status === 'suspended' ? (
              <>
                <p>{user.suspendedUntil ? <>Suspended until <DateTime value={user.suspendedUntil} />.</> : 'Suspended until a moderator lifts it.'}</p>
                <LiftForm what="suspension" action={liftAction.bind(null, user.id)} />
              </>
            ) : (
              <SanctionForm kind="suspend" name={user.name} action={suspendAction.bind(null, user.id)} />
            )}
          </div>
        </div>
      )}
    </main>
  );
}
