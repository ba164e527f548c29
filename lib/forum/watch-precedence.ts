/**
 * The one rule for which watch level governs a person's notifications and new-reply counts for a thread, as SQL
 * text over the expressions given (trusted column references, never input):
 *
 * 1. a level they chose for the thread;
 * 2. else a level they chose for its channel (watching, tracking or muted; normal there leaves it to 3 and 4);
 * 3. else the tracking Watchroom set itself when they read or replied to the thread (`automatic`);
 * 4. else `fallback` (normal; the thread page shows tracking, as reading it tracks it).
 *
 * So tracking that came from reading never overrides a channel they later watch or mute.
 */
export function governingLevelSql(thread: { level: string; automatic: string }, channelLevel: string, fallback: 'normal' | 'tracking' = 'normal'): string {
  return `(case when ${thread.level} is not null and not ${thread.automatic} then ${thread.level}::text
    when ${channelLevel} is not null and ${channelLevel}::text <> 'normal' then ${channelLevel}::text
    when ${thread.level} is not null then ${thread.level}::text
    else '${fallback}' end)`;
}
