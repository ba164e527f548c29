import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { listAllChannels } from '@/lib/forum/manage-channels';
import { isStaff } from '@/lib/policy';
import { Breadcrumb } from '../../../_components/breadcrumb';
import { currentActor, requireActor } from '../../../_components/require-actor';
import { ArchiveButton } from '../archive-button';
import { updateChannelAction } from '../actions';
import { ChannelForm } from '../channel-form';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ slug: string }> };

const load = cache(async (slug: string) => {
  const actor = await requireActor(`/admin/channels/${encodeURIComponent(slug)}`);
  if (!isStaff(actor)) notFound();
  const channel = (await listAllChannels(actor)).find((c) => c.slug === slug);
  if (!channel) notFound();
  return channel;
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { slug } = await params;
  const actor = await currentActor();
  if (!actor) return { title: 'Sign in' };
  if (!isStaff(actor)) return { title: 'Page not found' };
  const channel = await load(slug).catch(() => null);
  return { title: channel ? `Edit ${channel.name} – Manage channels` : 'Page not found', robots: { index: false, follow: false } };
}

export default async function EditChannelPage({ params }: Params) {
  const { slug } = await params;
  const channel = await load(slug);
  const archived = channel.archivedAt !== null;
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <Breadcrumb items={[{ href: '/admin/channels', text: 'Manage channels' }]} />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">/channels/{channel.slug}</span>
          <h1>Edit {channel.name}</h1>
          <ChannelForm
            mode="edit"
            action={updateChannelAction.bind(null, channel.slug)}
            initial={{ name: channel.name, description: channel.description, position: channel.position }}
          />
          <h2>{archived ? 'Restore this channel' : 'Archive this channel'}</h2>
          <p>
            {archived
              ? 'The channel is archived: it is not listed and takes no new threads or replies. Restoring it lists it again.'
              : 'Archiving hides the channel from the list and stops new threads and replies. Its threads stay readable, and you can restore it later.'}
          </p>
          <ArchiveButton slug={channel.slug} name={channel.name} archived={archived} />
        </div>
      </div>
    </main>
  );
}
