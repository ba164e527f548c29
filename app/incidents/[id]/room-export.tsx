/** Leads download the transcript, stamped with the TLP label, their name and the time. RED rooms cannot be exported. */
export function RoomExport({ roomId, tlp }: { roomId: string; tlp: string }) {
  if (tlp === 'RED') return <p className="nhsuk-body-s">TLP:RED rooms cannot be exported.</p>;
  const base = `/api/v1/incidents/${encodeURIComponent(roomId)}/export`;
  return (
    <p className="wr-room-export" data-testid="room-export">
      Export the transcript (recorded in the audit log): <a href={`${base}?format=html`} download>HTML file</a> ·{' '}
      <a href={`${base}?format=markdown`} download>
        Markdown
      </a>
    </p>
  );
}
