import type { FormState } from '@/lib/http/action';

export const WATCH_LEVELS = ['watching', 'tracking', 'normal', 'muted'] as const;
export type WatchLevel = (typeof WATCH_LEVELS)[number];
export type WatchState = FormState & { level?: WatchLevel };

export const watchLabel: Record<WatchLevel, string> = {
  watching: 'Watching',
  tracking: 'Tracking',
  normal: 'Normal',
  muted: 'Muted',
};

/**
 * What each level means, in the words the person will experience it. A thread's own level wins over its channel's;
 * reading a thread tracks it unless either has a level chosen (lib/forum/watches.ts, lib/forum/read-state.ts).
 */
export const watchHint: Record<'thread' | 'channel', Record<WatchLevel, string>> = {
  thread: {
    watching: 'Notify me of every new reply.',
    tracking: 'Count new replies for me; notify me only when someone mentions me or replies to me.',
    normal: 'Notify me only when someone mentions me or replies to me. No count of new replies.',
    muted: 'Never notify me of new replies, even if I watch the channel. Mentions still reach me.',
  },
  channel: {
    watching: 'Notify me of every new post in every thread of this channel.',
    tracking: 'Count new replies in every thread of this channel; notify me only when someone mentions me or replies to me.',
    normal: 'Notify me only when someone mentions me or replies to me; count new replies in the threads I read.',
    muted: 'Never notify me of new posts in this channel, and mark nothing as new. Mentions still reach me.',
  },
};
