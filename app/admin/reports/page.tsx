import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listReportQueue } from '@/lib/moderation/list-reports';
import { mayModerate } from '@/lib/policy';
import { DateTime } from '../../_components/date-time';
import { ModerationNav } from '../moderation/moderation-nav';
import { requireActor, staffPageMetadata } from '../../_components/require-actor';
import { SuccessBanner } from '../../_components/success-banner';
import { ReviewForm } from './review-form';
import './reports.css';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffPageMetadata('Reported posts', mayModerate);

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const tabs = [
  { status: 'open', text: 'Open' },
  { status: 'resolved', text: 'Resolved' },
  { status: 'all', text: 'All' },
] as const;

const doneText: Record<string, string> = { hide: 'Post hidden', delete: 'Post deleted', dismiss: 'Reports dismissed' };
const stateTag = { visible: null, hidden: { text: 'Hidden', colour: 'orange' }, deleted: { text: 'Deleted', colour: 'grey' } } as const;
const statusText = { open: 'Open', actioned: 'Actioned', dismissed: 'Dismissed' } as const;

/** The moderators' review queue: one entry per reported post, open ones first (oldest first). */
export default async function ReportsPage({ searchParams }: Search) {
  const actor = await requireActor('/admin/reports');
  if (!mayModerate(actor)) notFound();
  const search = await searchParams;
  const status = tabs.find((t) => t.status === search.status)?.status ?? 'open';
  const { posts } = await listReportQueue(actor, { status });
  const done = typeof search.done === 'string' ? doneText[search.done] : undefined;

  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      {done ? (
        <SuccessBanner titleId="done-title" testId="report-done" heading={`${done}. Every open report of the post is resolved.`} />
      ) : null}
      <h1>Reported posts</h1>
      <ModerationNav current="/admin/reports" />
      <p>
        Members report posts they think break the rules. Decide on each post once: every open report of it is resolved with your decision, and it goes
        in the <a href="/admin/staff-log">staff action log</a>.
      </p>
      <nav aria-label="Which reports">
        <ul className="nhsuk-list wr-tabs-list">
          {tabs.map((t) => (
            <li key={t.status} className="wr-tabs-list__item">
              <a href={`/admin/reports?status=${t.status}`} aria-current={t.status === status ? 'page' : undefined}>
                {t.status === status ? <strong>{t.text}</strong> : t.text}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h2 className="nhsuk-heading-m">
        {tabs.find((t) => t.status === status)!.text} ({posts.length})
      </h2>
      {posts.length === 0 ? <p data-testid="no-reports">{status === 'open' ? 'Nothing to review. There are no open reports.' : 'No reported posts here.'}</p> : null}
      <ol className="nhsuk-list" data-testid="report-queue">
        {posts.map((p) => {
          const tag = stateTag[p.postState];
          return (
            <li key={p.postId} className="nhsuk-card" data-post-id={p.postId}>
              <div className="nhsuk-card__content">
                <h3 className="nhsuk-card__heading nhsuk-heading-s">
                  <a href={`/threads/${p.threadId}#post-${p.postId}`}>
                    Post by {p.authorName} in “{p.threadTitle}”
                  </a>{' '}
                  {tag ? <strong className={`nhsuk-tag nhsuk-tag--${tag.colour}`}>{tag.text}</strong> : null}
                </h3>
                <blockquote className="wr-report-excerpt">
                  <p>{p.postState === 'deleted' ? <em>The post was deleted.</em> : p.excerpt || <em>(no text)</em>}</p>
                </blockquote>
                <p className="nhsuk-body-s">
                  {p.openReports > 0 ? (
                    <strong>
                      {p.openReports} open {p.openReports === 1 ? 'report' : 'reports'}
                    </strong>
                  ) : (
                    'No open reports'
                  )}{' '}
                  from {p.reporters} {p.reporters === 1 ? 'person' : 'people'}; first reported <DateTime value={p.firstReportedAt} />.
                </p>
                <h4 className="nhsuk-heading-xs">Reasons given</h4>
                <ul className="nhsuk-list nhsuk-list--bullet">
                  {p.reports.map((r, i) => (
                    <li key={i}>
                      “{r.reason}” — {r.reporterName}, <DateTime value={r.createdAt} /> ({statusText[r.status]}
                      {r.resolution ? `: ${r.resolution}` : ''})
                    </li>
                  ))}
                </ul>
                {p.openReports > 0 ? <ReviewForm postId={p.postId} postState={p.postState} /> : null}
              </div>
            </li>
          );
        })}
      </ol>
    </main>
  );
}
