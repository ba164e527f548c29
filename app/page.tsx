import type { Metadata } from 'next';
import { listChannels } from '@/lib/forum/channels';
import { listRooms } from '@/lib/incidents/list-rooms';
import { requireActor } from './_components/require-actor';
import { TlpTag } from './_components/tlp-banner';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Channels' };

const severityTag: Record<string, string> = {
  critical: 'nhsuk-tag--red',
  high: 'nhsuk-tag--orange',
  moderate: 'nhsuk-tag--yellow',
  low: 'nhsuk-tag--grey',
};

export default async function Home() {
  const actor = await requireActor('/');
  const [channels, rooms] = await Promise.all([listChannels(actor), listRooms(actor)]);
  const openRooms = rooms.filter((r) => r.status !== 'closed').slice(0, 5);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>Channels</h1>
      <p className="nhsuk-lede-text">Discuss good practice with security colleagues across health and care. Channels are TLP:GREEN: keep what you read within the community.</p>
      {channels.length === 0 ? (
        <p>There are no channels yet.</p>
      ) : (
        <ul className="nhsuk-grid-row nhsuk-card-group">
          {channels.map((c) => (
            <li key={c.id} className="nhsuk-grid-column-one-half nhsuk-card-group__item">
              <div className="nhsuk-card nhsuk-card--clickable">
                <div className="nhsuk-card__content">
                  <h2 className="nhsuk-card__heading nhsuk-heading-s">
                    <a className="nhsuk-card__link" href={`/channels/${encodeURIComponent(c.slug)}`}>
                      {c.name}
                    </a>
                  </h2>
                  {c.description ? <p className="nhsuk-card__description">{c.description}</p> : null}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}

      <h2>Your incident rooms</h2>
      {openRooms.length === 0 ? (
        <p>You are not a member of any open incident room.</p>
      ) : (
        <ul className="nhsuk-list wr-room-list">
          {openRooms.map((r) => (
            <li key={r.id} className="wr-room-list__item">
              <a href={`/incidents/${r.id}`}>
                <span className="wr-room-ref">{r.reference}</span> {r.title}
              </a>
              <span className="wr-room-meta">
                <strong className={`nhsuk-tag ${severityTag[r.severity] ?? 'nhsuk-tag--grey'}`}>
                  <span className="nhsuk-u-visually-hidden">Severity: </span>
                  {r.severity}
                </strong>{' '}
                <TlpTag tlp={r.tlp} />
              </span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/incidents">All your incident rooms</a>
      </p>
    </main>
  );
}
