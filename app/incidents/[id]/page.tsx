import type { Metadata } from 'next';
import { cache } from 'react';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { DateTime } from '@/app/_components/date-time';
import { orNotFound } from '@/app/_components/load-or-not-found';
import { currentActor, requireActor } from '@/app/_components/require-actor';
import { TlpBanner, TlpTag } from '@/app/_components/tlp-banner';
import { getRoom } from '@/lib/incidents/get-room';
import { listRoomSms } from '@/lib/incidents/room-sms';
import { TLP_ORDER, tlpWithin } from '@/lib/policy';
import { isAlerting, SeverityTag, StatusTag } from '../_components/labels';
import { postToRoomAction } from './actions';
import { PostForm } from './post-form';
import { RoomLive, type RoomText } from './room-live';
import { RoomPosts } from './room-posts';
import { SmsLedger } from './sms-ledger';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** A room the person is not in is exactly a room that does not exist: the same notFound(). */
const load = cache(async (id: string) => {
  const actor = await requireActor(`/incidents/${encodeURIComponent(id)}`);
  return orNotFound(async () => {
    const room = await getRoom(actor, id);
    const texts = room.canViewSms ? await listRoomSms(actor, id) : null;
    return { room, texts };
  });
});

// The tab title never carries the restricted title: it lands in history, bookmarks and screen shares.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  if (!(await currentActor())) return { title: 'Sign in' };
  const loaded = await load(id).catch(() => null);
  return { title: loaded ? `${loaded.room.reference}: incident room` : 'Page not found', robots: { index: false, follow: false } };
}

export default async function IncidentRoomPage({ params }: Props) {
  const { id } = await params;
  const { room, texts } = await load(id);
  const bulletinUrl = `/bulletins/${room.reference}`;
  const labels = TLP_ORDER.filter((label) => tlpWithin(label, room.tlp));
  const initialTexts: RoomText[] | null = texts
    ? texts.map((t) => ({
        id: t.id,
        kind: t.kind,
        status: t.status,
        failureReason: t.failureReason,
        recipient: t.recipient,
        recipientName: t.recipientName,
        organisationName: t.organisationName,
      }))
    : null;
  const initialPosts = room.posts.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() }));

  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <TlpBanner tlp={room.tlp} />
      <Breadcrumb items={[{ href: '/incidents', text: 'Incident rooms' }]} />
      <RoomLive roomId={room.id} initialPosts={initialPosts} initialTexts={initialTexts}>
        <span className="nhsuk-caption-l">{room.reference}</span>
        <h1 className="wr-room-title">{room.title}</h1>

        <dl className="nhsuk-summary-list wr-room-facts">
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Severity</dt>
            <dd className="nhsuk-summary-list__value">
              <SeverityTag severity={room.severity} />
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Status</dt>
            <dd className="nhsuk-summary-list__value">
              <StatusTag status={room.status} />
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">TLP ceiling</dt>
            <dd className="nhsuk-summary-list__value">
              <TlpTag tlp={room.tlp} />
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Opened</dt>
            <dd className="nhsuk-summary-list__value">
              <DateTime value={room.createdAt} />
            </dd>
          </div>
          <div className="nhsuk-summary-list__row">
            <dt className="nhsuk-summary-list__key">Your role</dt>
            <dd className="nhsuk-summary-list__value">{roleText[room.myRole]}</dd>
          </div>
        </dl>

        <h2>Restricted summary</h2>
        <p className="wr-preserve-lines">{room.summary}</p>

        <h2>Public headline</h2>
        <p>{room.publicHeadline}</p>
        {isAlerting(room.severity) ? (
          <p>
            <a href={bulletinUrl}>
              Public bulletin for {room.reference}
              <span className="nhsuk-u-visually-hidden"> (TLP:CLEAR, anyone can read it)</span>
            </a>
          </p>
        ) : (
          <p className="nhsuk-body-s">Low and moderate rooms have no public bulletin.</p>
        )}

        <h2>Invited organisations</h2>
        {room.organisations.length ? (
          <ul className="nhsuk-list nhsuk-list--bullet">
            {room.organisations.map((o) => (
              <li key={o.odsCode}>
                {o.name} <span className="wr-ods-code">({o.odsCode})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>No organisations: this room admits named people only.</p>
        )}

        <section aria-labelledby="discussion-heading">
          <h2 id="discussion-heading">Discussion</h2>
          <RoomPosts />
          {room.canPost ? (
            <>
              <h3>Post a message</h3>
              <PostForm action={postToRoomAction.bind(null, room.id)} labels={labels} ceiling={room.tlp} />
            </>
          ) : (
            <div className="nhsuk-inset-text">
              <span className="nhsuk-u-visually-hidden">Information: </span>
              <p>{room.status === 'closed' ? 'This room is closed and read-only.' : 'Observers can read this room but not post in it.'}</p>
            </div>
          )}
        </section>

        {room.canViewSms ? (
          <section aria-labelledby="sms-heading">
            <h2 id="sms-heading">SMS alerts</h2>
            <SmsLedger bulletinUrl={bulletinUrl} />
          </section>
        ) : null}
      </RoomLive>
      <TlpBanner tlp={room.tlp} />
    </main>
  );
}

const roleText = { lead: 'Lead', member: 'Member', observer: 'Observer (read only)' } as const;
