'use client';
import { useRouter } from 'next/navigation';
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { useLive } from '@/app/_components/use-live';
import type { Tlp } from '@/lib/policy';
import type { SmsKind, SmsStatus } from '../_components/labels';
import type { OrgLedgerRow } from '@/lib/alerts/org-ledger';
import { roomFactsKey } from './room-facts';

export type RoomPost = {
  id: string;
  tlp: Tlp;
  bodyHtml: string;
  createdAt: string;
  authorName: string;
  kind?: 'message' | 'status_update';
  anonymous?: boolean;
  mine?: boolean;
};
export type RoomText = {
  id: string;
  kind: SmsKind;
  status: SmsStatus;
  failureReason: string | null;
  recipient: string;
  recipientName: string | null;
  organisationName: string | null;
  bulletinVersion: number;
};
/** One row of the per-organisation summary, as the API sends it (dates as ISO strings). */
export type RoomOrgSummary = Omit<OrgLedgerRow, 'escalation'> & {
  escalation: (Omit<NonNullable<OrgLedgerRow['escalation']>, 'dueAt'> & { dueAt: string }) | null;
};

type Live = {
  posts: RoomPost[];
  texts: RoomText[] | null;
  organisations: RoomOrgSummary[] | null;
  refreshPosts: () => void;
  /** Counts the times the room's subscription was accepted (0 until the first): parts with their own data refetch when it changes. */
  liveCount: number;
};
const LiveRoom = createContext<Live | null>(null);

export function useRoom(): Live {
  const live = useContext(LiveRoom);
  if (!live) throw new Error('useRoom must be used inside <RoomLive>');
  return live;
}

/**
 * Runs `load` now, or once more after the run in flight, so a burst of events (a text per recipient)
 * costs at most two requests.
 */
function useCoalesced(load: () => Promise<void>) {
  const state = useRef({ running: false, again: false });
  const latest = useRef(load);
  latest.current = load;
  return useCallback(() => {
    const s = state.current;
    if (s.running) {
      s.again = true;
      return;
    }
    s.running = true;
    void (async () => {
      do {
        s.again = false;
        await latest.current().catch(() => undefined);
      } while (s.again);
      s.running = false;
    })();
  }, []);
}

/**
 * Holds the room's posts (and, for its leads, the SMS ledger) and keeps them current: live events carry
 * ids only, so each one refetches through the API, which checks membership again. If that says the room
 * is gone (removed, suspended, signed out), the page reloads and the server shows what it now may.
 */
export function RoomLive({
  roomId,
  initialPosts,
  initialTexts,
  initialOrganisations,
  factsKey,
  children,
}: {
  roomId: string;
  /** `roomFactsKey` of the room as the page was rendered. */
  factsKey: string;
  initialPosts: RoomPost[];
  initialTexts: RoomText[] | null;
  initialOrganisations: RoomOrgSummary[] | null;
  children: ReactNode;
}) {
  const [posts, setPosts] = useState(initialPosts);
  const [texts, setTexts] = useState(initialTexts);
  const [organisations, setOrganisations] = useState(initialOrganisations);
  const [liveCount, setLiveCount] = useState(0);
  const watchTexts = initialTexts !== null;
  const router = useRouter();

  const load = useCallback(
    async (path: string) => {
      const res = await fetch(`/api/v1/incidents/${encodeURIComponent(roomId)}${path}`, {
        cache: 'no-store',
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
      });
      if (res.status === 401 || res.status === 404) {
        window.location.reload();
        return null;
      }
      return res.ok ? ((await res.json()) as unknown) : null;
    },
    [roomId],
  );

  const refreshPosts = useCoalesced(async () => {
    const room = (await load('')) as ({ posts: RoomPost[] } & Parameters<typeof roomFactsKey>[0]) | null;
    if (!room) return;
    setPosts(room.posts);
    // The facts changed since the page was rendered (and their event may have reached no one): render it again.
    if (roomFactsKey(room) !== factsKey) router.refresh();
  });
  const refreshTexts = useCoalesced(async () => {
    if (!watchTexts) return;
    // One request brings both the texts and the per-organisation summary (acknowledged, opened, escalated).
    const ledger = (await load('/sms')) as { texts: RoomText[]; organisations: RoomOrgSummary[] } | null;
    if (ledger) {
      setTexts(ledger.texts);
      setOrganisations(ledger.organisations);
    }
  });

  useLive(
    { type: 'incident', id: roomId },
    {
      'room:post:created': () => refreshPosts(),
      'room:sms:changed': () => refreshTexts(),
    },
    () => {
      refreshPosts();
      refreshTexts();
      setLiveCount((n) => n + 1);
    },
  );

  return <LiveRoom.Provider value={{ posts, texts, organisations, refreshPosts, liveCount }}>{children}</LiveRoom.Provider>;
}
