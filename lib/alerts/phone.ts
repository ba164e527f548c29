import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * UK mobiles as GOV.UK Notify accepts them: 07…, +447…, 447…, with spaces, brackets and dashes.
 * libphonenumber-js rejects the Ofcom drama range 07700 900xxx, which Notify (and our demo) use.
 */
const dramaRange = /^\+447700900\d{3}$/;

export type PhoneCheck = { ok: true; e164: string } | { ok: false; message: string };

export function normaliseUkMobile(input: string): PhoneCheck {
  const trimmed = input.trim();
  if (/[a-z.]/i.test(trimmed)) return { ok: false, message: 'Mobile number must not contain letters or symbols' };
  if (!/^[\d\s()+-]+$/.test(trimmed)) return { ok: false, message: 'Mobile number must not contain letters or symbols' };
  let digits = trimmed.replace(/[\s()-]/g, '');
  // 0044 7700 900123 (international prefix) and +44 (0)7700 900123 (bracketed trunk 0) are common and Notify takes them.
  if (digits.startsWith('0044')) digits = `+${digits.slice(2)}`;
  digits = digits.replace(/^(\+?44)0(?=7)/, '$1');
  let national: string;
  if (digits.startsWith('+44')) national = `0${digits.slice(3)}`;
  else if (digits.startsWith('44')) national = `0${digits.slice(2)}`;
  else if (digits.startsWith('0')) national = digits;
  else return { ok: false, message: 'Enter a UK mobile number, like 07700 900123' };
  if (!/^07\d+$/.test(national)) return { ok: false, message: 'Enter a UK mobile number, like 07700 900123' };
  if (national.length < 11) return { ok: false, message: 'Mobile number has not enough digits' };
  if (national.length > 11) return { ok: false, message: 'Mobile number has too many digits' };
  const e164 = `+44${national.slice(1)}`;
  if (dramaRange.test(e164)) return { ok: true, e164 };
  const parsed = parsePhoneNumberFromString(e164, 'GB');
  if (!parsed?.isValid() || parsed.getType() !== 'MOBILE') return { ok: false, message: 'Not a UK mobile number' };
  return { ok: true, e164: parsed.number };
}

/** For screens and logs: only the last three digits are shown. */
export function maskPhone(e164: string): string {
  const tail = e164.slice(-3);
  return `07••• •••${tail}`;
}
