import type { Metadata } from 'next';
import { cache } from 'react';
import { getThread } from '@/lib/forum/get-thread';
import { Breadcrumb } from '../../_components/breadcrumb';
import { DateTime } from '../../_components/date-time';
import { orNotFound } from '../../_components/load-or-not-found';
import { currentActor, requireActor } from '../../_components/require-actor';
import { toPostRows } from './post-rows';
import { ThreadView } from './thread-view';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const load = cache(async (id: string) => {
  const actor = await requireActor(`/threads/${encodeURIComponent(id)}`);
  return orNotFound(() => getThread(actor, id));
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  if (!(await currentActor())) return { title: 'Sign in' };
  const thread = await load(id).catch(() => null);
  return { title: thread ? `${thread.title} – ${thread.channel.name}` : 'Page not found' };
}

export default async function ThreadPage({ params }: Params) {
  const { id } = await params;
  const thread = await load(id);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb
        items={[
          { href: '/', text: 'Channels' },
          { href: `/channels/${encodeURIComponent(thread.channel.slug)}`, text: thread.channel.name },
        ]}
      />
      <h1 className="wr-thread-title">{thread.title}</h1>
      <p className="nhsuk-body-s wr-thread-meta">
        {thread.pinned ? <strong className="nhsuk-tag nhsuk-tag--blue wr-marker">Pinned</strong> : null}
        {thread.locked ? <strong className="nhsuk-tag nhsuk-tag--grey wr-marker">Locked</strong> : null}
        Started <DateTime value={thread.createdAt} /> in {thread.channel.name}
      </p>
      <ThreadView threadId={thread.id} initialPosts={toPostRows(thread.posts)} initialCanReply={thread.canReply} />
    </main>
  );
}
