import type { Metadata } from 'next';
import { cache } from 'react';
import { listPostRevisions } from '@/lib/forum/edit-post';
import { getThread } from '@/lib/forum/get-thread';
import { REDACTED_REVISION_TEXT } from '@/lib/moderation/redact-revision';
import { mayModerate, maySeeHiddenPosts } from '@/lib/policy';
import { Breadcrumb } from '../../../_components/breadcrumb';
import { DateTime } from '../../../_components/date-time';
import { orNotFound } from '../../../_components/load-or-not-found';
import { currentActor, requireActor } from '../../../_components/require-actor';
import { SuccessBanner } from '../../../_components/success-banner';
import { RemoveRevisionForm, RestoreRevisionForm } from './revision-moderation';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };
type PageProps = Params & { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every version of a post, through the same use cases (and access checks) as the thread itself. */
const load = cache(async (id: string) => {
  const actor = await requireActor(`/posts/${encodeURIComponent(id)}/revisions`);
  return orNotFound(async () => {
    const history = await listPostRevisions(actor, id);
    const thread = await getThread(actor, history.threadId);
    const post = thread.posts.find((p) => p.id === id);
    return { history, thread, authorName: post?.authorName ?? 'Unknown', moderator: mayModerate(actor), seesRemoved: maySeeHiddenPosts(actor) };
  });
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  if (!(await currentActor())) return { title: 'Sign in' };
  const loaded = await load(id).catch(() => null);
  return { title: loaded ? `Versions of a post – ${loaded.thread.title}` : 'Page not found' };
}

/** After a moderator removed or restored a version (the server action redirects here with ?done=…&version=N). */
function doneMessage(search: Record<string, string | string[] | undefined>): { text: string; version: string } | null {
  const version = typeof search.version === 'string' && /^\d{1,9}$/.test(search.version) ? search.version : null;
  if (!version) return null;
  if (search.done === 'removed') return { version, text: `Version ${version} removed. Everyone else now sees “${REDACTED_REVISION_TEXT}” instead of its text.` };
  if (search.done === 'restored') return { version, text: `Version ${version} restored. Everyone who can read the post can read it again.` };
  return null;
}

export default async function PostRevisionsPage({ params, searchParams }: PageProps) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const { history, thread, authorName, moderator, seesRemoved } = await load(id);
  const versions = [...history.revisions].reverse();
  const threadHref = `/threads/${thread.id}`;
  const done = moderator ? doneMessage(search) : null;
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb
        items={[
          { href: '/', text: 'Channels' },
          { href: `/channels/${encodeURIComponent(thread.channel.slug)}`, text: thread.channel.name },
          { href: threadHref, text: thread.title },
        ]}
      />
      {done ? (
        <SuccessBanner titleId="revision-done-title" testId="revision-done" heading={done.text}>
          <p>
            <a href={`#revision-${done.version}`}>Go to version {done.version}</a>
          </p>
        </SuccessBanner>
      ) : null}
      <span className="nhsuk-caption-l wr-thread-title">{thread.title}</span>
      <h1>Versions of {authorName}’s post</h1>
      <p>
        {history.revisions.length === 1 ? 'This post has not been edited.' : `This post has ${history.revisions.length} versions.`} The newest is first.{' '}
        <a href={`${threadHref}#post-${id}`}>Back to the post in the thread</a>
      </p>
      <ol className="nhsuk-list wr-revisions" reversed>
        {versions.map((r) => (
          <li key={r.revision} className="wr-revision">
            <h2 className="nhsuk-heading-s wr-revision__heading" id={`revision-${r.revision}`}>
              Version {r.revision}
              {r.until === null ? <strong className="nhsuk-tag nhsuk-tag--green wr-marker wr-marker--after">Current</strong> : null}
            </h2>
            <p className="nhsuk-body-s wr-revision__dates">
              {r.until === null ? (
                <>
                  {r.revision === 1 ? 'Posted' : 'Edited'} <DateTime value={r.from} />
                </>
              ) : (
                <>
                  {r.revision === 1 ? 'Posted' : 'Edited'} <DateTime value={r.from} />, replaced <DateTime value={r.until} />
                </>
              )}
            </p>
            <div className="wr-post wr-revision__body">
              {r.redacted && !seesRemoved ? (
                // Readers get a placeholder from listPostRevisions too; the text is written here, not taken from it.
                <p className="wr-post__deleted" data-testid={`revision-${r.revision}-removed`}>
                  {REDACTED_REVISION_TEXT}
                </p>
              ) : r.redacted ? (
                <>
                  <p className="wr-revision__staff-note" data-testid={`revision-${r.revision}-removed`}>
                    <strong className="nhsuk-tag nhsuk-tag--orange">Removed</strong>{' '}
                    Everyone else sees “{REDACTED_REVISION_TEXT}”; only moderators and admins can read this text. Removed <DateTime value={r.redacted.at} />.
                    {r.redacted.reason ? ` Reason: ${r.redacted.reason}` : null}
                  </p>
                  <div className="wr-markdown" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
                </>
              ) : (
                <div className="wr-markdown" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
              )}
            </div>
            {moderator && r.until !== null ? (
              r.redacted ? <RestoreRevisionForm postId={id} revision={r.revision} /> : <RemoveRevisionForm postId={id} revision={r.revision} />
            ) : null}
          </li>
        ))}
      </ol>
    </main>
  );
}
