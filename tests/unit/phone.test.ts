import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskPhone, normaliseUkMobile } from '@/lib/alerts/phone';

describe('normaliseUkMobile', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['07700900123', '+447700900123'],
    ['+447700900123', '+447700900123'],
    ['447700900123', '+447700900123'],
    ['+44 7700 900 123', '+447700900123'],
    ['07700-900-123', '+447700900123'],
    ['(07700) 900123', '+447700900123'],
    ['  07700 900123  ', '+447700900123'],
    ['+44 (0)7700 900123', '+447700900123'],
    ['0044 7700 900123', '+447700900123'],
    ['07911 123456', '+447911123456'],
    ['+447400 123456', '+447400123456'],
  ])('accepts %s as %s', (input, e164) => {
    expect(normaliseUkMobile(input)).toEqual({ ok: true, e164 });
  });

  it('accepts every Ofcom drama number 07700 900000–900999, which libphonenumber-js calls invalid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999 }), (n) => {
        const tail = String(n).padStart(3, '0');
        expect(normaliseUkMobile(`07700 900${tail}`)).toEqual({ ok: true, e164: `+447700900${tail}` });
      }),
    );
  });

  it.each([
    ['0770090012a', 'Mobile number must not contain letters or symbols'],
    ['07700.900123', 'Mobile number must not contain letters or symbols'],
    ['07700 900123 x12', 'Mobile number must not contain letters or symbols'],
    ['07700/900123', 'Mobile number must not contain letters or symbols'],
    ['seven seven', 'Mobile number must not contain letters or symbols'],
    ['07700 90012', 'Mobile number has not enough digits'],
    ['077009001234', 'Mobile number has too many digits'],
  ])('rejects %s: %s', (input, message) => {
    expect(normaliseUkMobile(input)).toEqual({ ok: false, message });
  });

  it.each([
    ['a London landline', '020 7946 0000'],
    ['a landline in +44 form', '+44 20 7946 0000'],
    ['a drama landline', '01632 960123'],
    ['a French mobile', '+33 6 12 34 56 78'],
    ['a personal number', '07012 345678'],
    ['a pager', '07640 123456'],
    ['a freephone number', '0800 123 4567'],
  ])('rejects %s', (_label, input) => {
    expect(normaliseUkMobile(input).ok).toBe(false);
  });

  it('normalises any spacing or dashing of a valid number to the same E.164', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('', ' ', '-', '  '), { minLength: 10, maxLength: 10 }), (seps) => {
        const digits = '7700900456';
        const formatted = `0${[...digits].map((d, i) => d + seps[i]).join('')}`;
        expect(normaliseUkMobile(formatted)).toEqual({ ok: true, e164: '+447700900456' });
      }),
    );
  });

  it('never throws and only ever returns +447 followed by nine digits', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (input) => {
        const result = normaliseUkMobile(input);
        if (result.ok) expect(result.e164).toMatch(/^\+447\d{9}$/);
      }),
      { numRuns: 500 },
    );
  });
});

describe('maskPhone', () => {
  it('shows only the last three digits', () => {
    expect(maskPhone('+447700900123')).toBe('07••• •••123');
    expect(maskPhone('+447911123456')).toBe('07••• •••456');
  });

  it('never reveals more than the last three digits', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+447\d{9}$/), (phone) => {
        const masked = maskPhone(phone);
        expect(masked.replace(/\D/g, '')).toBe(`07${phone.slice(-3)}`);
      }),
    );
  });
});
