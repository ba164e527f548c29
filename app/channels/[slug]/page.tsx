import type { Metadata } from 'next';
import { cache } from 'react';
import { listThreads } from '@/lib/forum/list-threads';
import { getChannelWatch } from '@/lib/forum/watches';
import { isAppError } from '@/lib/errors';
import { Breadcrumb } from '../../_components/breadcrumb';
import { orNotFound } from '../../_components/load-or-not-found';
import { currentActor, requireActor } from '../../_components/require-actor';
import { WatchControl } from '../../_components/watch-control';
import { watchChannel } from './actions';
import { NewThreadForm } from './new-thread-form';
import { ThreadList } from './thread-list';
import { toThreadRows } from './thread-rows';
import { BadPageLink } from '../../_components/bad-page-link';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string }>; searchParams: Promise<{ cursor?: string | string[] }> };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** One page of the channel's threads. A cursor that does not parse (an edited link) falls back to the first page. */
const load = cache(async (slug: string, cursor: string | undefined) => {
  const actor = await requireActor(`/channels/${encodeURIComponent(slug)}`);
  return orNotFound(async () => {
    try {
      return { ...(await listThreads(actor, slug, { cursor })), cursor, badCursor: false };
    } catch (error) {
      if (!cursor || !isAppError(error) || error.code !== 'invalid') throw error;
      return { ...(await listThreads(actor, slug)), cursor: undefined, badCursor: true };
    }
  });
});

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { slug } = await params;
  if (!(await currentActor())) return { title: 'Sign in' };
  const result = await load(slug, first((await searchParams).cursor)).catch(() => null);
  if (!result) return { title: 'Page not found' };
  return { title: result.cursor ? `Older threads – ${result.channel.name}` : result.channel.name };
}

export default async function ChannelPage({ params, searchParams }: Params) {
  const { slug } = await params;
  const { channel, threads, nextCursor, cursor, badCursor } = await load(slug, first((await searchParams).cursor));
  const actor = await requireActor(`/channels/${encodeURIComponent(slug)}`);
  const level = await getChannelWatch(actor, channel.id);
  const href = `/channels/${encodeURIComponent(channel.slug)}`;
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb items={[{ href: '/', text: 'Channels' }]} />
      <h1>{channel.name}</h1>
      {channel.description ? <p className="nhsuk-lede-text">{channel.description}</p> : null}
      {channel.archived ? (
        <div className="nhsuk-inset-text">
          <span className="nhsuk-u-visually-hidden">Information: </span>
          <p>This channel is archived. You can read its threads, but it takes no new threads.</p>
        </div>
      ) : null}
      <WatchControl subject="channel" initialLevel={level} action={watchChannel.bind(null, channel.slug)} />
      {badCursor ? (
        <BadPageLink showing="the newest threads" />
      ) : null}
      <h2 className="nhsuk-u-visually-hidden">Threads</h2>
      {cursor ? (
        <p className="wr-older-note">
          You are looking at older threads. <a href={href}>Go to the newest threads</a>
        </p>
      ) : null}
      <ThreadList slug={channel.slug} cursor={cursor ?? null} initial={toThreadRows(threads)} initialNextCursor={nextCursor} />
      {channel.archived ? null : <NewThreadForm slug={channel.slug} />}
    </main>
  );
}
