import type { Metadata } from 'next';
import { cache } from 'react';
import { getThread } from '@/lib/forum/get-thread';
import { getWatch } from '@/lib/forum/watches';
import { isStaff } from '@/lib/policy';
import { Breadcrumb } from '../../_components/breadcrumb';
import { orNotFound } from '../../_components/load-or-not-found';
import { currentActor, requireActor } from '../../_components/require-actor';
import { WatchControl } from '../../_components/watch-control';
import { watchThread } from './actions';
import { toPostRows } from './post-rows';
import { ThreadView } from './thread-view';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

const load = cache(async (id: string) => {
  const actor = await requireActor(`/threads/${encodeURIComponent(id)}`);
  const thread = await orNotFound(() => getThread(actor, id));
  const level = await getWatch(actor, { type: 'thread', id: thread.id });
  return { actor, thread, level };
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  if (!(await currentActor())) return { title: 'Sign in' };
  const loaded = await load(id).catch(() => null);
  return { title: loaded ? `${loaded.thread.title} – ${loaded.thread.channel.name}` : 'Page not found' };
}

export default async function ThreadPage({ params }: Params) {
  const { id } = await params;
  const { actor, thread, level } = await load(id);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb
        items={[
          { href: '/', text: 'Channels' },
          { href: `/channels/${encodeURIComponent(thread.channel.slug)}`, text: thread.channel.name },
        ]}
      />
      <h1 className="wr-thread-title">{thread.title}</h1>
      <ThreadView
        threadId={thread.id}
        channelName={thread.channel.name}
        createdAt={thread.createdAt.toISOString()}
        initialPosts={toPostRows(thread.posts)}
        initialState={{ pinned: thread.pinned, locked: thread.locked, canReply: thread.canReply }}
        viewer={{ id: actor.id, staff: isStaff(actor) }}
        watch={<WatchControl subject="thread" initialLevel={level} action={watchThread.bind(null, thread.id)} />}
      />
    </main>
  );
}
