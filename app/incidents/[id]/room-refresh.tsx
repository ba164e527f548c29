'use client';
import { useRouter } from 'next/navigation';
import { useLive } from '@/app/_components/use-live';

/**
 * Re-renders the room page when its facts, timeline, membership or the person's invitations change. The event carries the room
 * id only; the server reads the room again and shows the page's not-found if the person lost access.
 * It only listens: <RoomLive> holds the subscription.
 */
export function RoomRefresh({ roomId }: { roomId: string }) {
  const router = useRouter();
  useLive(null, {
    'room:changed': (payload) => {
      if (payload.roomId === roomId) router.refresh();
    },
    'room:reminder': (payload) => {
      if (payload.roomId === roomId) router.refresh();
    },
    // Sent to the person themselves: their invitations changed (invited, answered, revoked, nominated).
    'invitations:changed': () => router.refresh(),
    // Sent to the person themselves (removed, role changed): their own sockets have left the room.
    'room:access:changed': (payload) => {
      if (payload.roomId === roomId) router.refresh();
    },
  });
  return null;
}
