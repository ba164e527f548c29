/** Every time Watchroom shows, and every calendar day it takes (search and log filters), is UK time. */
export const UK_TIME_ZONE = 'Europe/London';

const ukDateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: UK_TIME_ZONE,
});

/** "28 Nov 2025, 10:52" in UK time; the same on the server and in the browser, so hydration agrees. */
export function formatDateTime(value: string | Date): string {
  return ukDateTime.format(typeof value === 'string' ? new Date(value) : value);
}
