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

/** What each level means, in the words the person will experience it. */
export const watchHint: Record<'thread' | 'channel', Record<WatchLevel, string>> = {
  thread: {
    watching: 'Notify me of every new reply.',
    tracking: 'Count new replies for me; notify me only when someone mentions me or replies to me.',
    normal: 'Notify me only when someone mentions me or replies to me.',
    muted: 'Never notify me of new replies, even if I watch the channel. Mentions still reach me.',
  },
  channel: {
    watching: 'Notify me of every new post in every thread of this channel.',
    tracking: 'Count new posts for me; notify me only when someone mentions me or replies to me.',
    normal: 'Notify me only when someone mentions me or replies to me.',
    muted: 'Never notify me of new posts in this channel. Mentions still reach me.',
  },
};
