import { isFilterDate } from '@/db/uk-day';

/** The search form's fields, in the order of the form (and so of the error summary). */
export const FIELDS = ['q', 'channel', 'author', 'from', 'to'] as const;
export type Field = (typeof FIELDS)[number];
export type Raw = Record<string, string | string[] | undefined>;
export type SearchQuery = { values: Record<Field, string>; cursor: string | undefined; submitted: boolean };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The form's values as typed (trimmed), the page cursor if any, and whether a search was asked for at all. */
export function readQuery(raw: Raw): SearchQuery {
  const values = Object.fromEntries(FIELDS.map((f) => [f, String(first(raw[f]) ?? '').trim()])) as Record<Field, string>;
  return { values, cursor: first(raw.cursor) || undefined, submitted: raw.q !== undefined };
}

const LABELS = { from: 'Posted on or after', to: 'Posted on or before' } as const;

/**
 * "31/1/2026" (as people in the UK write dates) or "2026-01-31" → "2026-01-31"; null when it is not a real
 * calendar date. Whether search takes it is `isFilterDate`'s to say (db/uk-day.ts, shared with the API and the staff log).
 */
export function isoDate(text: string): string | null {
  let y: number, m: number, d: number;
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (uk) [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(0);
  date.setUTCFullYear(y, m - 1, d); // not Date.UTC, which reads years 0–99 as 1900–1999
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The form's problems by field (in form order), and its dates as ISO days: a date that is not real, one outside
 * what search takes (the API's rule), `from` after `to`, and a query too short.
 */
export function checkForm(values: Record<Field, string>): { fields: Partial<Record<Field, string[]>>; dates: Partial<Record<'from' | 'to', string>> } {
  const fields: Partial<Record<Field, string[]>> = {};
  const dates: Partial<Record<'from' | 'to', string>> = {};
  for (const f of ['from', 'to'] as const) {
    if (!values[f]) continue;
    const iso = isoDate(values[f]);
    if (!iso) fields[f] = [`Enter a real date for ‘${LABELS[f]}’, for example 31/1/2026`];
    else if (!isFilterDate(iso)) fields[f] = [`‘${LABELS[f]}’ must be 1/1/1900 or later`];
    else dates[f] = iso;
  }
  if (dates.from && dates.to && dates.from > dates.to) fields.to = [`‘${LABELS.to}’ must be the same as or after ‘${LABELS.from}’`];
  if (values.q.length < 2) fields.q = [values.q ? 'Enter at least 2 characters to search for' : 'Enter what you want to search for'];
  return { fields: Object.fromEntries(FIELDS.filter((f) => fields[f]).map((f) => [f, fields[f]])), dates };
}

/** `/search?…` with the values as typed (so the form shows them again), and a page cursor when given. */
export function searchHref(values: Record<Field, string>, cursor?: string): string {
  const params = new URLSearchParams();
  for (const f of FIELDS) if (values[f]) params.set(f, values[f]);
  if (cursor) params.set('cursor', cursor);
  return `/search?${params}`;
}
