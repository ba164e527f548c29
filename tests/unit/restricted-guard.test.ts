import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findRestrictedContent, restrictedStringsOf } from '@/lib/alerts/restricted-guard';

const room = {
  title: 'Ransomware at Northgate General',
  summary: 'LockBit affiliate entered through the unpatched Citrix gateway on Friday night.',
};

describe('restrictedStringsOf', () => {
  it('lists the title, the summary and every five-word phrase of each', () => {
    const strings = restrictedStringsOf(room);
    expect(strings).toContain(room.title);
    expect(strings).toContain(room.summary);
    expect(strings).toContain('through the unpatched Citrix gateway');
    expect(strings).toContain('LockBit affiliate entered through the');
    expect(strings.filter((s) => s === room.title)).toHaveLength(1);
  });

  it('ignores strings under four characters', () => {
    expect(restrictedStringsOf({ title: 'abc', summary: ' ' })).toEqual([]);
  });
});

describe('findRestrictedContent', () => {
  const restricted = restrictedStringsOf(room);

  it('finds the title regardless of case and white space', () => {
    expect(findRestrictedContent('HIGH: ransomware AT   northgate\ngeneral.', restricted)).toBe(room.title);
  });

  it('finds a five-word phrase of the summary pasted into a headline', () => {
    expect(findRestrictedContent('Incident: entered through the unpatched Citrix gateway', restricted)).not.toBeNull();
  });

  it('lets public wording through', () => {
    expect(findRestrictedContent('HIGH cyber incident INC-2026-0001: Services disrupted at one trust.', restricted)).toBeNull();
    expect(findRestrictedContent('Ransomware incident', restricted)).toBeNull();
    expect(findRestrictedContent('the unpatched Citrix gateway', restricted)).toBeNull();
  });

  it('always finds a restricted title embedded anywhere, in any case', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 4, maxLength: 60 }).filter((t) => t.trim().length >= 4 && t.replace(/\s+/g, ' ').trim().length >= 4),
        fc.string({ maxLength: 20 }),
        fc.string({ maxLength: 20 }),
        fc.boolean(),
        (title, before, after, upper) => {
          const strings = restrictedStringsOf({ title, summary: '' });
          const text = `${before}${upper ? title.toUpperCase() : title}${after}`;
          // toUpperCase can change length for a few characters (ß → SS); compare like for like only.
          fc.pre(title.toUpperCase().toLowerCase() === title.toLowerCase());
          expect(findRestrictedContent(text, strings)).not.toBeNull();
        },
      ),
    );
  });
});
