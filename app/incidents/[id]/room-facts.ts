/** What the room page shows about the room itself, as the page renders it and as GET /api/v1/incidents/:id sends it (dates as strings). */
type RoomFacts = {
  title: string;
  severity: string;
  tlp: string;
  status: string;
  summary: string;
  publicHeadline: string;
  closedAt: unknown;
  archivedAt: unknown;
  updateIntervalMinutes: number | null;
  escalationMinutes: number | null;
  myRole: string;
  canPost: boolean;
  canManage: boolean;
  canViewSms: boolean;
  organisations: { id: string }[];
};

/**
 * A fingerprint of the room's facts, the same for the server's copy and the API's JSON of one state: the room
 * page compares the one it was rendered with to the one it fetches once live, and re-renders if they differ
 * (a change made between the server render and the socket joining the room sent its event to no one).
 */
export function roomFactsKey(room: RoomFacts): string {
  return JSON.stringify([
    room.title,
    room.severity,
    room.tlp,
    room.status,
    room.summary,
    room.publicHeadline,
    room.closedAt !== null,
    room.archivedAt !== null,
    room.updateIntervalMinutes,
    room.escalationMinutes,
    room.myRole,
    room.canPost,
    room.canManage,
    room.canViewSms,
    room.organisations.map((o) => o.id),
  ]);
}
