import type { Metadata } from 'next';
import { cache } from 'react';
import { listPostRevisions } from '@/lib/forum/edit-post';
import { getThread } from '@/lib/forum/get-thread';
import { Breadcrumb } from '../../../_components/breadcrumb';
import { DateTime } from '../../../_components/date-time';
import { orNotFound } from '../../../_components/load-or-not-found';
import { currentActor, requireActor } from '../../../_components/require-actor';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** Every version of a post, through the same use cases (and access checks) as the thread itself. */
const load = cache(async (id: string) => {
  const actor = await requireActor(`/posts/${encodeURIComponent(id)}/revisions`);
  return orNotFound(async () => {
    const history = await listPostRevisions(actor, id);
    const thread = await getThread(actor, history.threadId);
    const post = thread.posts.find((p) => p.id === id);
    return { history, thread, authorName: post?.authorName ?? 'Unknown' };
  });
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  if (!(await currentActor())) return { title: 'Sign in' };
  const loaded = await load(id).catch(() => null);
  return { title: loaded ? `Versions of a post – ${loaded.thread.title}` : 'Page not found' };
}

export default async function PostRevisionsPage({ params }: Params) {
  const { id } = await params;
  const { history, thread, authorName } = await load(id);
  const versions = [...history.revisions].reverse();
  const threadHref = `/threads/${thread.id}`;
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb
        items={[
          { href: '/', text: 'Channels' },
          { href: `/channels/${encodeURIComponent(thread.channel.slug)}`, text: thread.channel.name },
          { href: threadHref, text: thread.title },
        ]}
      />
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
              <div className="wr-markdown" dangerouslySetInnerHTML={{ __html: r.bodyHtml }} />
            </div>
          </li>
        ))}
      </ol>
    </main>
  );
}
