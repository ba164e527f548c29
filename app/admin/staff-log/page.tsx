import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { isAppError, type AppError } from '@/lib/errors';
import { listStaffActionKinds, listStaffActions } from '@/lib/moderation/list-staff-actions';
import { AUTOMATIC_ACTOR_NAME } from '@/lib/moderation/staff-log';
import { mayModerate } from '@/lib/policy';
import { DateTime } from '../../_components/date-time';
import { ErrorSummary } from '../../_components/error-summary';
import { ModerationNav } from '../moderation/moderation-nav';
import { requireActor, staffPageMetadata } from '../../_components/require-actor';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffPageMetadata('Staff action log', mayModerate);

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const FILTERS = ['actor', 'action', 'target', 'from', 'to'] as const;
const fieldLabels: Record<string, string> = { actor: 'Done by', action: 'Action', target: 'About person', from: 'From date', to: 'To date', cursor: 'Page' };

/** Each field's messages, prefixed with its label on this page ("From date: …"). */
function labelled(fields: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(fields).map(([field, messages]) => [field, field in fieldLabels && field !== 'cursor' ? [`${fieldLabels[field]}: ${messages.join('. ')}`] : messages]));
}

/** Every moderator and admin action, newest first, filterable; moderators and admins only. */
export default async function StaffLogPage({ searchParams }: Search) {
  const actor = await requireActor('/admin/staff-log');
  if (!mayModerate(actor)) notFound();
  const search = await searchParams;
  const filters = Object.fromEntries(FILTERS.map((k) => [k, typeof search[k] === 'string' ? (search[k] as string) : ''])) as Record<(typeof FILTERS)[number], string>;
  const cursor = typeof search.cursor === 'string' ? search.cursor : undefined;
  const kinds = await listStaffActionKinds(actor);
  let page: Awaited<ReturnType<typeof listStaffActions>> = { entries: [], nextCursor: null };
  let problem: AppError | undefined;
  try {
    page = await listStaffActions(actor, { ...filters, cursor });
  } catch (error) {
    if (!isAppError(error)) throw error;
    problem = error as AppError;
  }
  const filtered = FILTERS.some((k) => filters[k]);
  const nextHref = page.nextCursor
    ? `/admin/staff-log?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), cursor: page.nextCursor })}`
    : null;

  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <ErrorSummary
        state={problem ? { error: problem.message, fields: labelled(problem.fields ?? { _: [problem.message] }) } : undefined}
        fieldIds={Object.fromEntries(FILTERS.map((f) => [f, `filter-${f}`]))}
        unlinked={Object.keys(problem?.fields ?? { _: [] }).filter((f) => !(FILTERS as readonly string[]).includes(f))}
      />
      <h1>Staff action log</h1>
      <ModerationNav current="/admin/staff-log" />
      <p>
        Every action a moderator or admin took, with its reason: reports, hidden and deleted posts, removed versions of posts, locked and moved threads, channels created, changed and archived, silences, suspensions, sign-up decisions and role changes.
        Silences and suspensions that reached their end date are lifted by Watchroom itself and shown as done by “{AUTOMATIC_ACTOR_NAME}”.
      </p>

      <form method="get" action="/admin/staff-log" className="wr-filter-form" data-testid="staff-log-filter">
        <fieldset className="nhsuk-fieldset">
          <legend className="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">Filter the log</legend>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-third nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-actor">
                Done by (email)
              </label>
              <input className="nhsuk-input" id="filter-actor" name="actor" type="text" autoComplete="off" spellCheck={false} defaultValue={filters.actor} />
            </div>
            <div className="nhsuk-grid-column-one-third nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-action">
                Action
              </label>
              <select className="nhsuk-select" id="filter-action" name="action" defaultValue={filters.action}>
                <option value="">Any action</option>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {k}
                  </option>
                ))}
              </select>
            </div>
            <div className="nhsuk-grid-column-one-third nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-target">
                About person (email)
              </label>
              <input className="nhsuk-input" id="filter-target" name="target" type="text" autoComplete="off" spellCheck={false} defaultValue={filters.target} />
            </div>
          </div>
          <div className="nhsuk-grid-row">
            <div className="nhsuk-grid-column-one-third nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-from">
                From date
              </label>
              <input className="nhsuk-input nhsuk-input--width-10" id="filter-from" name="from" type="date" defaultValue={filters.from} />
            </div>
            <div className="nhsuk-grid-column-one-third nhsuk-form-group">
              <label className="nhsuk-label" htmlFor="filter-to">
                To date
              </label>
              <input className="nhsuk-input nhsuk-input--width-10" id="filter-to" name="to" type="date" defaultValue={filters.to} />
            </div>
          </div>
        </fieldset>
        <div className="nhsuk-button-group">
          <button className="nhsuk-button nhsuk-button--secondary" type="submit">
            Apply filters
          </button>
          {filtered ? (
            <a className="nhsuk-link" href="/admin/staff-log">
              Clear filters
            </a>
          ) : null}
        </div>
      </form>

      <div className="wr-table-scroll">
        <table className="nhsuk-table" data-testid="staff-log">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">{filtered ? 'Matching actions' : 'Latest actions'}</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header">
                When
              </th>
              <th scope="col" className="nhsuk-table__header">
                Who
              </th>
              <th scope="col" className="nhsuk-table__header">
                Action
              </th>
              <th scope="col" className="nhsuk-table__header">
                About
              </th>
              <th scope="col" className="nhsuk-table__header">
                Reason
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {page.entries.length === 0 ? (
              <tr className="nhsuk-table__row">
                <td className="nhsuk-table__cell" colSpan={5}>
                  No actions {filtered ? 'match these filters' : 'yet'}.
                </td>
              </tr>
            ) : (
              page.entries.map((e) => (
                <tr key={e.id} className="nhsuk-table__row" data-action={e.action}>
                  <td className="nhsuk-table__cell">
                    <DateTime value={e.createdAt} />
                  </td>
                  <td className="nhsuk-table__cell" data-automatic={e.automatic ? 'true' : undefined}>
                    {e.automatic ? <span className="nhsuk-u-secondary-text-color">{e.actorName}</span> : e.actorName}
                  </td>
                  <td className="nhsuk-table__cell">
                    <code>{e.action}</code>
                  </td>
                  <td className="nhsuk-table__cell">
                    {e.targetUserName ? <span>{e.targetUserName}</span> : null}
                    {e.targetType === 'post' && typeof e.detail.revision === 'number' ? (
                      <>
                        {e.targetUserName ? ', ' : ''}
                        <a href={`/posts/${e.targetId}/revisions#revision-${e.detail.revision}`}>version {e.detail.revision} of the post</a>
                      </>
                    ) : e.targetType === 'post' && typeof e.detail.threadId === 'string' ? (
                      <>
                        {e.targetUserName ? ', ' : ''}
                        <a href={`/threads/${e.detail.threadId}#post-${e.targetId}`}>the post</a>
                      </>
                    ) : e.targetType === 'thread' && e.targetId ? (
                      <>
                        {e.targetUserName ? ', ' : ''}
                        <a href={`/threads/${e.targetId}`}>the thread{typeof e.detail.title === 'string' ? ` “${e.detail.title}”` : ''}</a>
                      </>
                    ) : e.targetType === 'channel' && typeof e.detail.slug === 'string' ? (
                      <a href={`/channels/${encodeURIComponent(e.detail.slug)}`}>the channel “{e.detail.slug}”</a>
                    ) : !e.targetUserName ? (
                      <span>
                        {e.targetType} {e.targetId ?? ''}
                      </span>
                    ) : null}
                  </td>
                  <td className="nhsuk-table__cell">{e.reason || <span className="nhsuk-u-secondary-text-color">None given</span>}</td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      {nextHref ? (
        <nav className="nhsuk-pagination" role="navigation" aria-label="Pagination">
          <ul className="nhsuk-list nhsuk-pagination__list">
            <li className="nhsuk-pagination-item--next">
              <a className="nhsuk-pagination__link nhsuk-pagination__link--next" href={nextHref} rel="next">
                <span className="nhsuk-pagination__title">Older actions</span>
              </a>
            </li>
          </ul>
        </nav>
      ) : null}
      {cursor ? (
        <p>
          <a href={`/admin/staff-log?${new URLSearchParams(Object.fromEntries(Object.entries(filters).filter(([, v]) => v)))}`}>Back to the newest actions</a>
        </p>
      ) : null}
    </main>
  );
}
