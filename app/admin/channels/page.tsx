import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { listAllChannels } from '@/lib/forum/manage-channels';
import { isStaff } from '@/lib/policy';
import { requireActor, staffPageMetadata } from '../../_components/require-actor';
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
        <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" aria-labelledby="done-title" data-testid="channel-done">
          <div className="nhsuk-notification-banner__header">
            <h2 className="nhsuk-notification-banner__title" id="done-title">
              Success
            </h2>
          </div>
          <div className="nhsuk-notification-banner__content">
            <p className="nhsuk-notification-banner__heading">
              Channel ‘{doneChannel.name}’ {doneText[done]}.
            </p>
          </div>
        </div>
      ) : null}
      <h1>Manage channels</h1>
      <p>Public channels are open to every vetted member and are TLP:GREEN. Archived channels stay readable by their address but are not listed.</p>

      <div className="wr-table-scroll">
        <table className="nhsuk-table wr-channel-table" data-testid="channel-table">
          <caption className="nhsuk-table__caption nhsuk-table__caption--m">All channels</caption>
          <thead className="nhsuk-table__head">
            <tr className="nhsuk-table__row">
              <th scope="col" className="nhsuk-table__header nhsuk-table__header--numeric">
                Position
              </th>
              <th scope="col" className="nhsuk-table__header">
                Channel
              </th>
              <th scope="col" className="nhsuk-table__header">
                Status
              </th>
              <th scope="col" className="nhsuk-table__header">
                <span className="nhsuk-u-visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="nhsuk-table__body">
            {channels.map((c) => {
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
            })}
          </tbody>
        </table>
      </div>

      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h2 id="create-heading">Create a channel</h2>
          <ChannelForm mode="create" action={createChannelAction} />
        </div>
      </div>
    </main>
  );
}
