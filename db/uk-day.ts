import { sql } from 'drizzle-orm';
import { UK_TIME_ZONE } from '@/lib/ui/date-time-format';

/**
 * The instant a UK calendar day (`date` plus `days`) starts, for the date filters of search and the staff log:
 * the pages show every time in UK time, so a filter's days are UK days. Counted in the session's time zone (UTC)
 * instead, British Summer Time would put the first hour of a UK day on the day before.
 */
export const ukDayStart = (date: string, days = 0) => sql`((${date}::date + ${days}::int)::timestamp at time zone ${UK_TIME_ZONE})`;
