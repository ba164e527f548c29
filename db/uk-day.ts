import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { UK_TIME_ZONE } from '@/lib/ui/date-time-format';

/**
 * The instant a UK calendar day (`date` plus `days`) starts, for the date filters of search and the staff log:
 * the pages show every time in UK time, so a filter's days are UK days. Counted in the session's time zone (UTC)
 * instead, British Summer Time would put the first hour of a UK day on the day before.
 */
export const ukDayStart = (date: string, days = 0) => sql`((${date}::date + ${days}::int)::timestamp at time zone ${UK_TIME_ZONE})`;

/**
 * A date a filter accepts: a real `YYYY-MM-DD` from 1900 to 9999. Nothing was posted before 1900, and PostgreSQL
 * refuses year 0 (which `z.iso.date()` lets through): without this, such a date was a 500.
 */
export const FIRST_FILTER_DATE = '1900-01-01';
export const LAST_FILTER_DATE = '9999-12-31';
export function isFilterDate(iso: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) && iso >= FIRST_FILTER_DATE && iso <= LAST_FILTER_DATE;
}
/** The zod rule for a filter's date, with one message: the first thing wrong with it. */
export const filterDate = z.string().superRefine((value, ctx) => {
  if (!z.iso.date().safeParse(value).success) ctx.addIssue({ code: 'custom', message: 'Use a date like 2026-01-31' });
  else if (!isFilterDate(value)) ctx.addIssue({ code: 'custom', message: `Use a date from ${FIRST_FILTER_DATE} to ${LAST_FILTER_DATE}` });
});
