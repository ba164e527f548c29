import type { Metadata } from 'next';
import { cache } from 'react';
import { listThreads } from '@/lib/forum/list-threads';
import { Breadcrumb } from '../../_components/breadcrumb';
import { orNotFound } from '../../_components/load-or-not-found';
import { currentActor, requireActor } from '../../_components/require-actor';
import { NewThreadForm } from './new-thread-form';
import { ThreadList } from './thread-list';
import { toThreadRows } from './thread-rows';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string }> };

const load = cache(async (slug: string) => {
  const actor = await requireActor(`/channels/${encodeURIComponent(slug)}`);
  return orNotFound(() => listThreads(actor, slug));
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  if (!(await currentActor())) return { title: 'Sign in' };
  const result = await load(slug).catch(() => null);
  return { title: result?.channel.name ?? 'Page not found' };
}

export default async function ChannelPage({ params }: Params) {
  const { slug } = await params;
  const { channel, threads } = await load(slug);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb items={[{ href: '/', text: 'Channels' }]} />
      <h1>{channel.name}</h1>
      {channel.description ? <p className="nhsuk-lede-text">{channel.description}</p> : null}
      <h2 className="nhsuk-u-visually-hidden">Threads</h2>
      <ThreadList slug={channel.slug} initial={toThreadRows(threads)} />
      <NewThreadForm slug={channel.slug} />
    </main>
  );
}
