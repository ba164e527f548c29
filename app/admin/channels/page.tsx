import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listAllChannels } from '@/lib/forum/manage-channels';
import { isStaff } from '@/lib/policy';
import { DataTable } from '../../_components/data-table';
import { requireActor, staffPageMetadata } from '../../_components/require-actor';
import { SuccessBanner } from '../../_components/success-banner';
import { ArchiveButton } from './archive-button';
import { createChannelAction } from './actions';
import { ChannelForm } from './channel-form';

export const dynamic = 'force-dynamic';

export const generateMetadata = staffPageMetadata('Manage channels', isStaff);

type Search = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const doneText: Record<string, string> = {
  created: 'created',
  updated: 'updated',
  archived: 'archived. It is hidden from the channel list and takes no new threads or replies',
  restored: 'restored',
};

/** Moderators and admins: every channel, archived ones too; anyone else gets the not-found page. */
export default async function ManageChannelsPage({ searchParams }: Search) {
  const actor = await requireActor('/admin/channels');
  if (!isStaff(actor)) notFound();
  const [channels, search] = await Promise.all([listAllChannels(actor), searchParams]);
  const done = Object.keys(doneText).find((k) => typeof search[k] === 'string');
  const doneChannel = done ? channels.find((c) => c.slug === search[done]) : undefined;

  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      {done && doneChannel ? (
        <SuccessBanner titleId="done-title" testId="channel-done" heading={<>Channel ‘{doneChannel.name}’ {doneText[done]}.</>} />
      ) : null}
      <h1>Manage channels</h1>
      <p>Public channels are open to every vetted member and are TLP:GREEN. Archived channels stay readable by their address but are not listed.</p>

      <DataTable
        caption="All channels"
        captionVisible
        className="wr-channel-table"
        testId="channel-table"
        scroll="plain"
        columns={[{ label: 'Position', numeric: true }, 'Channel', 'Status', { label: 'Actions', visuallyHidden: true }]}
        rows={channels}
        row={(c) => {
          const archived = c.archivedAt !== null;
          return (
            <tr key={c.id} className="nhsuk-table__row" data-channel={c.slug}>
              <td className="nhsuk-table__cell nhsuk-table__cell--numeric">{c.position}</td>
              <td className="nhsuk-table__cell">
                <a href={`/channels/${encodeURIComponent(c.slug)}`}>{c.name}</a>
                <span className="wr-channel-slug">/channels/{c.slug}</span>
                {c.description ? <span className="wr-channel-description">{c.description}</span> : null}
              </td>
              <td className="nhsuk-table__cell">
                {archived ? <strong className="nhsuk-tag nhsuk-tag--grey">Archived</strong> : <strong className="nhsuk-tag nhsuk-tag--green">Active</strong>}
              </td>
              <td className="nhsuk-table__cell">
                <div className="wr-row-actions">
                  <a href={`/admin/channels/${encodeURIComponent(c.slug)}`}>
                    Edit<span className="nhsuk-u-visually-hidden"> {c.name}</span>
                  </a>
                  <ArchiveButton slug={c.slug} name={c.name} archived={archived} />
                </div>
              </td>
            </tr>
          );
        }}
      />

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h2 id="create-heading">Create a channel</h2>
          <ChannelForm mode="create" action={createChannelAction} />
        </div>
      </div>
    </main>
  );
}
