import { DateTime } from '@/app/_components/date-time';

export type TimelineEvent = {
  id: string;
  kind: string;
  detail: Record<string, string | number | null>;
  createdAt: Date | string;
  actorName: string | null;
  subjectName: string | null;
  organisationName: string | null;
};

/** 240 → "4 hours", 90 → "90 minutes". */
export function minutesText(value: unknown): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return '';
  if (n >= 60 && n % 60 === 0) return `${n / 60} ${n === 60 ? 'hour' : 'hours'}`;
  return `${n} ${n === 1 ? 'minute' : 'minutes'}`;
}

const cap = (s: unknown) => (typeof s === 'string' && s ? s[0].toUpperCase() + s.slice(1) : '');

/** One line per event, in plain words. Details are enumerated values and counts, never restricted text. */
export function describeEvent(e: TimelineEvent): string {
  const who = e.actorName ?? 'Watchroom';
  const subject = e.subjectName ?? e.organisationName ?? 'someone';
  const d = e.detail;
  switch (e.kind) {
    case 'created':
      return `${who} opened the room (${cap(d.severity)}, TLP:${d.tlp})`;
    case 'severity_changed':
      return `${who} changed severity from ${cap(d.from)} to ${cap(d.to)}`;
    case 'status_changed':
      return `${who} changed status from ${cap(d.from)} to ${cap(d.to)}`;
    case 'tlp_changed':
      return `${who} changed the TLP ceiling from TLP:${d.from} to TLP:${d.to}`;
    case 'archived':
      return `${who} archived the room`;
    case 'settings_changed':
      return `${who} changed the settings: status updates every ${minutesText(d.updateIntervalTo)}, deputies texted after ${minutesText(d.escalationTo)}`;
    case 'invited':
      return `${who} invited ${subject}`;
    case 'joined':
      if (d.via === 'staff_entry') return `${who} (staff) entered the room as an observer`;
      return d.via === 'nomination' ? `${who} nominated ${subject}` : `${subject} joined`;
    case 'declined':
      return `${subject} declined the invitation`;
    case 'revoked':
      return `${who} revoked the invitation to ${subject}`;
    case 'removed':
      return `${who} removed ${subject} from the room`;
    case 'role_changed':
      return `${who} changed ${subject}’s role from ${cap(d.from)} to ${cap(d.to)}`;
    case 'bulletin_published':
      return `${who} published public bulletin version ${d.version}`;
    case 'texts_sent':
      return `${d.count} SMS ${d.count === 1 ? 'text' : 'texts'} queued`;
    case 'status_update':
      return `${who} posted a status update`;
    case 'org_status':
      return `${subject} reported its status: ${cap(d.status)}`;
    default:
      return e.kind;
  }
}

/** The room's typed timeline, newest first, beside the discussion. */
export function RoomTimeline({ events }: { events: TimelineEvent[] }) {
  const newestFirst = [...events].reverse();
  return (
    <section aria-labelledby="timeline-heading" className="wr-room-timeline" data-testid="room-timeline">
      <h2 id="timeline-heading" className="nhsuk-heading-m">
        Timeline
      </h2>
      {newestFirst.length === 0 ? (
        <p>Nothing has happened yet.</p>
      ) : (
        <ol className="nhsuk-list wr-timeline">
          {newestFirst.map((e) => (
            <li key={e.id} className="wr-timeline__item" data-event-kind={e.kind}>
              <DateTime value={e.createdAt} />
              <span className="wr-timeline__text">{describeEvent(e)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
