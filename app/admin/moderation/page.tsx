import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isAppError, type AppError } from '@/lib/errors';
import { findUsersForModeration, listSanctionedUsers, type UserStanding } from '@/lib/moderation/user-standing';
import { mayModerate } from '@/lib/policy';
import { ErrorSummary } from '../../_components/error-summary';
import { ModerationNav } from './moderation-nav';
import { requireActor, staffPageMetadata } from '../../_components/require-actor';
import { StandingTags } from './standing-summary';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffPageMetadata('Silence or suspend members', mayModerate);

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Find a person to silence or suspend; without a search, everyone silenced or suspended now. */
export default async function ModerationPage({ searchParams }: Search) {
  const actor = await requireActor('/admin/moderation');
  if (!mayModerate(actor)) notFound();
  const search = await searchParams;
  const q = typeof search.q === 'string' ? search.q : undefined;
  let users: UserStanding[] = [];
  let problem: AppError | undefined;
  try {
    users = q === undefined ? await listSanctionedUsers(actor) : await findUsersForModeration(actor, { q });
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error as AppError;
  }
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <ErrorSummary state={problem ? { error: problem.message, fields: { q: problem.fields?.q ?? [problem.message] } } : undefined} />
      <h1>Silence or suspend members</h1>
      <ModerationNav current="/admin/moderation" />
      <p>
        A <strong>silenced</strong> member can read but not post, reply, edit or post in incident rooms until the end date. A <strong>suspended</strong> member is
        signed out everywhere at once and cannot sign in until the suspension ends or is lifted. Both need a reason and go in the{' '}
        <a href="/admin/staff-log">staff action log</a>. Reported posts are in the <a href="/admin/reports">review queue</a>.
      </p>
      <form method="get" action="/admin/moderation" className="nhsuk-u-margin-bottom-5" role="search" aria-label="Find a member">
        <div className={`nhsuk-form-group${problem ? ' nhsuk-form-group--error' : ''}`}>
          <label className="nhsuk-label" htmlFor="q">
            Find a member by name, email or username
          </label>
          {problem ? (
            <span className="nhsuk-error-message" id="q-error">
              <span className="nhsuk-u-visually-hidden">Error:</span> {problem.fields?.q?.join('. ') ?? problem.message}
            </span>
          ) : null}
          <input className="nhsuk-input nhsuk-u-width-two-thirds" id="q" name="q" type="search" defaultValue={q ?? ''} aria-describedby={problem ? 'q-error' : undefined} />
        </div>
        <button className="nhsuk-button nhsuk-button--secondary" type="submit">
          Search
        </button>
      </form>
      <h2 className="nhsuk-heading-m">{q === undefined ? 'Silenced or suspended now' : `Members matching “${q}”`}</h2>
      {users.length === 0 && !problem ? <p>{q === undefined ? 'Nobody is silenced or suspended.' : 'Nobody matches that search.'}</p> : null}
      {users.length ? (
        <ul className="nhsuk-list" data-testid="moderation-users">
          {users.map((u) => (
            <li key={u.id} className="nhsuk-u-margin-bottom-3">
              <a href={`/admin/moderation/${u.id}`}>{u.name}</a> <span className="nhsuk-u-secondary-text-color">({u.email}, {u.organisationName}, {u.role.replace('_', ' ')})</span>{' '}
              <StandingTags user={u} />
            </li>
          ))}
        </ul>
      ) : null}
    </main>
  );
}
