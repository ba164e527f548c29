import type { Metadata } from 'next';
import { cache } from 'react';
import { getThread } from '@/lib/forum/get-thread';
import { listAllChannels } from '@/lib/forum/manage-channels';
import { threadWatchAsShown } from '@/lib/forum/watches';
import { isStaff } from '@/lib/policy';
import { Breadcrumb } from '../../_components/breadcrumb';
import { orNotFound } from '../../_components/load-or-not-found';
import { currentActor, requireActor } from '../../_components/require-actor';
import { WatchControl } from '../../_components/watch-control';
import { watchThread } from './actions';
import { MoveThreadForm } from './move-thread-form';
import { toPostRows } from './post-rows';
import { ThreadView } from './thread-view';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const load = cache(async (id: string) => {
  const actor = await requireActor(`/threads/${encodeURIComponent(id)}`);
  const thread = await orNotFound(() => getThread(actor, id));
  const level = await threadWatchAsShown(actor, { id: thread.id, channelId: thread.channel.id });
  return { actor, thread, level };
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { id } = await params;
  if (!(await currentActor())) return { title: 'Sign in' };
  const loaded = await load(id).catch(() => null);
  return { title: loaded ? `${loaded.thread.title} – ${loaded.thread.channel.name}` : 'Page not found' };
}

export default async function ThreadPage({ params, searchParams }: Params) {
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const { actor, thread, level } = await load(id);
  const staff = isStaff(actor);
  const moveTargets = staff ? (await listAllChannels(actor)).filter((c) => c.archivedAt === null && c.id !== thread.channel.id) : [];
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb
        items={[
          { href: '/', text: 'Channels' },
          { href: `/channels/${encodeURIComponent(thread.channel.slug)}`, text: thread.channel.name },
        ]}
      />
      {staff && search.moved === '1' ? (
        <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" aria-labelledby="moved-title" data-testid="thread-moved">
          <div className="nhsuk-notification-banner__header">
            <h2 className="nhsuk-notification-banner__title" id="moved-title">
              Success
            </h2>
          </div>
          <div className="nhsuk-notification-banner__content">
            <p className="nhsuk-notification-banner__heading">Thread moved to {thread.channel.name}.</p>
          </div>
        </div>
      ) : null}
      <h1 className="wr-thread-title">{thread.title}</h1>
      <ThreadView
        threadId={thread.id}
        channelName={thread.channel.name}
        createdAt={thread.createdAt.toISOString()}
        initialPosts={toPostRows(thread.posts)}
        initialState={{ pinned: thread.pinned, locked: thread.locked, canReply: thread.canReply }}
        viewer={{ id: actor.id, staff }}
        moveThread={staff ? <MoveThreadForm threadId={thread.id} channels={moveTargets.map((c) => ({ slug: c.slug, name: c.name }))} /> : null}
        watch={<WatchControl subject="thread" initialLevel={level} action={watchThread.bind(null, thread.id)} />}
      />
    </main>
  );
}
