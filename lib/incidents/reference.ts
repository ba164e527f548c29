import { sql } from 'drizzle-orm';
import type { Tx } from '@/db/client';

/** Next room reference for the year, e.g. INC-2026-0042; gap-free per year and safe under concurrency. */
export async function nextRoomReference(tx: Tx, now = new Date()): Promise<string> {
  const year = now.getUTCFullYear();
  const rows = await tx.execute<{ last: number }>(sql`
    insert into reference_counters (year, last) values (${year}, 1)
    on conflict (year) do update set last = reference_counters.last + 1
    returning last`);
  const last = Number(rows[0].last);
  return `INC-${year}-${String(last).padStart(4, '0')}`;
}
