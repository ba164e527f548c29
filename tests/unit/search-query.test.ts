import { describe, expect, it } from 'vitest';
import { checkForm, isoDate, readQuery, searchHref } from '@/app/search/search-query';
import { isFilterDate } from '@/db/uk-day';

const form = (values: Partial<Record<'q' | 'channel' | 'author' | 'from' | 'to', string>>) => ({ q: 'ransomware', channel: '', author: '', from: '', to: '', ...values });

describe('the search page’s dates follow the API’s rule (db/uk-day.ts isFilterDate)', () => {
  it('reads UK and ISO dates, refusing ones that are not real', () => {
    expect(isoDate('31/1/2026')).toBe('2026-01-31');
    expect(isoDate('2026-1-5')).toBe('2026-01-05');
    expect(isoDate('29/2/2024')).toBe('2024-02-29');
    expect(isoDate('29/2/2026')).toBeNull();
    expect(isoDate('31/02/2026')).toBeNull();
    expect(isoDate('tomorrow')).toBeNull();
    // Years 0–99 are those years, not 1900–1999 (as Date.UTC would read them): the range rule then refuses them.
    expect(isoDate('1/1/0000')).toBe('0000-01-01');
    expect(isoDate('0050-06-01')).toBe('0050-06-01');
  });

  it('refuses dates before 1900 and after 9999 on the page, as the API does', () => {
    for (const iso of ['0000-01-01', '0999-12-31', '1899-12-31']) expect(isFilterDate(iso), iso).toBe(false);
    for (const iso of ['1900-01-01', '2026-01-31', '9999-12-31']) expect(isFilterDate(iso), iso).toBe(true);
    expect(isFilterDate('10000-01-01')).toBe(false);
    expect(checkForm(form({ from: '1/1/0000' })).fields).toEqual({ from: ['‘Posted on or after’ must be 1/1/1900 or later'] });
    expect(checkForm(form({ to: '31/12/1899' })).fields).toEqual({ to: ['‘Posted on or before’ must be 1/1/1900 or later'] });
    expect(checkForm(form({ from: '1/1/1900', to: '31/12/9999' }))).toEqual({ fields: {}, dates: { from: '1900-01-01', to: '9999-12-31' } });
  });

  it('refuses from after to, and lists problems in the order of the form', () => {
    expect(checkForm(form({ from: '2/3/2026', to: '1/3/2026' })).fields).toEqual({ to: ['‘Posted on or before’ must be the same as or after ‘Posted on or after’'] });
    expect(Object.keys(checkForm(form({ q: 'a', from: '31/02/2026', to: 'x' })).fields)).toEqual(['q', 'from', 'to']);
  });
});

describe('the "More results" link', () => {
  it('keeps the query and filters as typed and adds the cursor', () => {
    const { values, cursor } = readQuery({ q: ' vpn patch ', channel: 'general', author: '@alice', from: '1/1/2026', to: '', cursor: 'abc' });
    expect(cursor).toBe('abc');
    const href = searchHref(values, 'next-cursor_1');
    const params = new URL(href, 'http://localhost').searchParams;
    expect(Object.fromEntries(params)).toEqual({ q: 'vpn patch', channel: 'general', author: '@alice', from: '1/1/2026', cursor: 'next-cursor_1' });
    expect(searchHref(values)).not.toContain('cursor');
    expect(readQuery({ q: 'x', cursor: '' }).cursor).toBeUndefined();
  });
});
