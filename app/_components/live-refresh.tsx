'use client';
import { useRouter } from 'next/navigation';
import { useLive } from './use-live';

/** Re-renders the server page when a person-level event says its data changed (ids only, so the server reads it again). */
export function LiveRefresh({ event }: { event: string }) {
  const router = useRouter();
  useLive(null, { [event]: () => router.refresh() });
  return null;
}
