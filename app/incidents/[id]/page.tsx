import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Breadcrumb } from '@/app/_components/breadcrumb';
import { DateTime } from '@/app/_components/date-time';
import { orNotFound } from '@/app/_components/load-or-not-found';
import { currentActor, requireActor } from '@/app/_components/require-actor';
import { TlpBanner, TlpTag } from '@/app/_components/tlp-banner';
import { listRoomEvents } from '@/lib/incidents/room-events';
import { listRoomInvitations, mayNominateIn } from '@/lib/incidents/invitations';
import { listOrgStatusBoard } from '@/lib/incidents/org-status';
import { listRoomAccess } from '@/lib/incidents/room-membership';
import { listRoomAudit, viewRoom } from '@/lib/incidents/room-audit';
import { listMyReminders } from '@/lib/incidents/status-reminders';
import { listRoomSms } from '@/lib/incidents/room-sms';
import { organisationLedger } from '@/lib/alerts/org-ledger';
import { ESCALATION_BOUNDS, UPDATE_INTERVAL_BOUNDS } from '@/lib/incidents/change-room-settings';
import { TLP_ORDER, tlpWithin } from '@/lib/policy';
import { isAlerting, SeverityTag, StatusTag } from '../_components/labels';
import { postToRoomAction } from './actions';
import { archiveRoomAction, changeSeverityAction, changeStatusAction } from './lifecycle-actions';
import { InvitedRoom, loadInvitation, notFoundAsNull } from './invited-room';
import { OrgStatusBoard } from './org-status-board';
import { RoomAuditLog } from './room-audit-log';
import { RoomExport } from './room-export';
import { RoomPeople } from './room-people';
import { UpdateReminder } from './update-reminder';
import { reportOrgStatusAction } from './updates-actions';
import { RoomLifecycle } from './room-lifecycle';
import { RoomRefresh } from './room-refresh';
import { RoomTimeline } from './room-timeline';
import { PostForm } from './post-form';
import { roomFactsKey } from './room-facts';
import { RoomLive, type RoomText } from './room-live';
import { RoomPosts } from './room-posts';
import { SmsLedger } from './sms-ledger';
import { SmsSendingStatus } from './sms-sending-status';
import { resendFailedAction } from './sms-actions';
import { SmsResendButton } from './sms-resend';
import { SmsOrgSummary } from './sms-org-summary';
import { RoomAcknowledge } from './room-acknowledge';
import { BulletinPublish } from './bulletin-publish';
import { RoomSettings } from './room-settings';
import { changeSettingsAction, changeTlpAction, publishBulletinAction } from './settings-actions';
import { SummaryRow } from '@/app/_components/summary-row';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** A room the person is not in is exactly a room that does not exist: the same notFound(). */
const load = cache(async (id: string) => {
  const actor = await requireActor(`/incidents/${encodeURIComponent(id)}`);
  return orNotFound(async () => {
    const room = await viewRoom(actor, id, 'page').catch(notFoundAsNull);
    if (!room) return null;
    const texts = room.canViewSms ? await listRoomSms(actor, id) : null;
    const orgLedger = room.canViewSms ? await organisationLedger(actor, id) : null;
    const events = await listRoomEvents(actor, id);
    const access = await listRoomAccess(actor, id);
    const invitations = room.canManage ? await listRoomInvitations(actor, id) : null;
    const canNominate = await mayNominateIn(actor, room);
    const board = await listOrgStatusBoard(actor, id);
    const reminder = room.canManage ? ((await listMyReminders(actor)).find((r) => r.roomId === room.id) ?? null) : null;
    const canReportStatus = room.canPost && room.organisations.some((o) => o.id === actor.organisationId);
    const audit = room.canRevealAuthors ? await listRoomAudit(actor, id) : null;
    return { room, texts, orgLedger, events, access, invitations, canNominate, board, reminder, canReportStatus, audit, actorId: actor.id };
  });
});

// The tab title never carries the restricted title: it lands in history, bookmarks and screen shares.
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  if (!(await currentActor())) return { title: 'Sign in' };
  const loaded = await load(id).catch(() => null);
  const invitation = loaded ? null : await loadInvitation(id).catch(() => null);
  const title = loaded ? `${loaded.room.reference}: incident room` : invitation ? `${invitation.reference}: invitation` : 'Page not found';
  return { title, robots: { index: false, follow: false } };
}

export default async function IncidentRoomPage({ params }: Props) {
  const { id } = await params;
  const loaded = await load(id);
  if (!loaded) {
    // Not a member: an invitee sees the public fields; anyone else gets the same not-found as a missing room.
    const invitation = await loadInvitation(id);
    if (!invitation) notFound();
    return <InvitedRoom invitation={invitation} />;
  }
  const { room, texts, orgLedger, events, access, invitations, canNominate, board, reminder, canReportStatus, audit, actorId } = loaded;
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
        bulletinVersion: t.bulletinVersion,
      }))
    : null;
  const initialOrganisations = orgLedger
    ? orgLedger.map((o) => ({ ...o, escalation: o.escalation ? { ...o.escalation, dueAt: o.escalation.dueAt.toISOString() } : null }))
    : null;
  const initialPosts = room.posts.map((p) => ({ ...p, createdAt: p.createdAt.toISOString() }));

  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <TlpBanner tlp={room.tlp} />
      <Breadcrumb items={[{ href: '/incidents', text: 'Incident rooms' }]} />
      <RoomLive roomId={room.id} factsKey={roomFactsKey(room)} initialPosts={initialPosts} initialTexts={initialTexts} initialOrganisations={initialOrganisations}>
        <RoomRefresh roomId={room.id} />
        <span className="nhsuk-caption-l">{room.reference}</span>
        <h1 className="wr-room-title">{room.title}</h1>

        <dl className="nhsuk-summary-list wr-room-facts">
          <SummaryRow label="Severity"><SeverityTag severity={room.severity} /></SummaryRow>
          <SummaryRow label="Status"><StatusTag status={room.status} /></SummaryRow>
          <SummaryRow label="TLP ceiling"><TlpTag tlp={room.tlp} /></SummaryRow>
          <SummaryRow label="Opened"><DateTime value={room.createdAt} /></SummaryRow>
          <SummaryRow label="Your role">{roleText[room.myRole]}</SummaryRow>
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

        {isAlerting(room.severity) ? <RoomAcknowledge roomId={room.id} /> : null}

        {room.canManage ? (
          <RoomLifecycle
            status={room.status}
            severity={room.severity}
            archived={room.archivedAt !== null}
            statusAction={changeStatusAction.bind(null, room.id)}
            severityAction={changeSeverityAction.bind(null, room.id)}
            archiveAction={archiveRoomAction.bind(null, room.id)}
          />
        ) : null}
        {room.canManage && room.status !== 'closed' ? (
          <RoomSettings
            tlp={room.tlp}
            updateIntervalMinutes={room.updateIntervalMinutes}
            escalationMinutes={room.escalationMinutes}
            bounds={{ updateInterval: UPDATE_INTERVAL_BOUNDS, escalation: ESCALATION_BOUNDS }}
            tlpAction={changeTlpAction.bind(null, room.id)}
            settingsAction={changeSettingsAction.bind(null, room.id)}
          />
        ) : null}
        {room.canManage && isAlerting(room.severity) ? <BulletinPublish roomId={room.id} action={publishBulletinAction.bind(null, room.id)} /> : null}
        {room.canManage ? <RoomExport roomId={room.id} tlp={room.tlp} /> : null}

        <OrgStatusBoard
          roomId={room.id}
          initial={board.map((b) => ({ ...b, updatedAt: b.updatedAt ? b.updatedAt.toISOString() : null }))}
          reportAction={canReportStatus ? reportOrgStatusAction.bind(null, room.id) : null}
        />

        <UpdateReminder since={reminder?.createdAt ?? null} />
        <div className="nhsuk-grid-row">
          <section aria-labelledby="discussion-heading" className="nhsuk-grid-column-two-thirds">
            <h2 id="discussion-heading">Discussion</h2>
            <RoomPosts roomId={room.id} canReveal={room.canRevealAuthors} />
            {room.canPost ? (
              <>
                <h3>Post a message</h3>
                <PostForm
                  action={postToRoomAction.bind(null, room.id)}
                  labels={labels}
                  ceiling={room.tlp}
                  anonymousLabel={room.myAnonymousLabel}
                  canPostStatusUpdate={room.canManage}
                />
              </>
            ) : (
              <div className="nhsuk-inset-text">
                <span className="nhsuk-u-visually-hidden">Information: </span>
                <p>{room.status === 'closed' ? 'This room is closed and read-only.' : 'Observers can read this room but not post in it.'}</p>
              </div>
            )}
          </section>
          <div className="nhsuk-grid-column-one-third">
            <RoomTimeline events={events} />
          </div>
        </div>

        <RoomPeople room={room} access={access} invitations={invitations} canNominate={canNominate} actorId={actorId} />
        {audit ? <RoomAuditLog entries={audit} /> : null}

        {room.canViewSms ? (
          <section aria-labelledby="sms-heading">
            <h2 id="sms-heading">SMS alerts</h2>
            <SmsSendingStatus />
            <SmsOrgSummary />
            <SmsLedger bulletinUrl={bulletinUrl} />
            <SmsResendButton action={resendFailedAction.bind(null, room.id)} />
          </section>
        ) : null}
      </RoomLive>
      <TlpBanner tlp={room.tlp} />
    </main>
  );
}

const roleText = { lead: 'Lead', member: 'Member', observer: 'Observer (read only)' } as const;
