/**
 * A fake GOV.UK Notify API for tests, built on node:http and node:crypto only.
 *
 * It follows /work/shared/notify-api.md: the same JWT auth, token-bucket rate limit, check order, error
 * bodies (`{status_code, errors:[{error, message}]}`), phone-number rules, smoke-test numbers and
 * response shapes as Notify, plus injectable faults (5xx, proxy HTML pages, timeouts, dropped
 * connections) so retry and reconciliation code can be exercised against the real notifications-node-client.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// ─── Public types ──────────────────────────────────────────────────────────────────────────────────

/** An email template has a subject; an SMS template has none. */
export type FakeTemplate = { id: string; body: string; subject?: string };

/** An accepted email (POST /v2/notifications/email), rendered. */
export type ReceivedEmail = {
  id: string;
  templateId: string;
  emailAddress: string;
  personalisation: Record<string, string>;
  reference: string | null;
  subject: string;
  body: string;
  createdAt: string;
};

export type FakeNotifyOptions = {
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  serviceId: string;
  secret: string;
  templates: FakeTemplate[];
  /** Notify's default: capacity 1000, 50/s. Every send that passes auth takes a token, rejected ones too. */
  bucket?: { capacity: number; refillPerSecond: number };
  /** Move every stored text straight to its final status, like a test key (…7700900003 / …7700900002 fail). */
  autoDeliver?: boolean;
  /** Serve the unauthenticated /_fake/* control routes (used by the CLI). Default false. */
  controlEndpoints?: boolean;
  /** Answer every send this many ms late, after the text is stored (a slow Notify). Settable later via `answerDelayMs`. */
  answerDelayMs?: number;
  /** Milliseconds since the epoch; drives JWT `iat` checks, the bucket and timestamps. Default Date.now. */
  clock?: () => number;
  /** The service's inbound number, shown as `notify_number` on received texts. */
  inboundNumber?: string;
  /** `content.from_number` of accepted texts. Default "GOVUK". */
  fromNumber?: string;
};

export const SMS_STATUSES = [
  'created',
  'sending',
  'pending',
  'sent',
  'delivered',
  'permanent-failure',
  'temporary-failure',
  'technical-failure',
] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export type ReceivedSms = {
  id: string;
  templateId: string;
  /** As submitted, like Notify's `phone_number`. */
  phoneNumber: string;
  personalisation: Record<string, string>;
  reference: string | null;
  /** The rendered text as the phone receives it. */
  body: string;
  createdAt: string;
  status: string;
  /** `+447…`, for matching whatever format was submitted. */
  normalisedPhoneNumber: string;
  sentAt: string | null;
  completedAt: string | null;
};

export type FaultMode =
  | { kind: 'status'; status: 500 | 502 | 503 | 504 | 429; html?: boolean; times: number }
  | { kind: 'rate-limit'; times: number }
  | { kind: 'daily-limit'; times: number }
  | { kind: 'timeout'; times: number; delayMs: number }
  | { kind: 'accept-then-drop'; times: number }
  | { kind: 'reset'; times: number };

export type FaultKind = FaultMode['kind'];

export type RecordedRequest = {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The status answered; for 'accept-then-drop' the status it would have answered; 0 when nothing was. */
  status: number;
  /** Set when an injected fault decided the outcome. */
  fault?: FaultKind;
};

export type ReceivedText = {
  id: string;
  notify_number: string;
  user_number: string;
  service_id: string;
  content: string;
  created_at: string;
};

/** What the CLI uses when the env says nothing: Watchroom's SMS templates under fixed ids. */
export const FAKE_NOTIFY_DEFAULTS: { serviceId: string; secret: string; templates: readonly FakeTemplate[] } = {
  serviceId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
  secret: 'd4c3b2a1-0f9e-4d8c-b7a6-5f4e3d2c1b0a',
  templates: [
    {
      id: '8a3c7f4e-2b1d-4e5f-9a6b-1c2d3e4f5a60',
      body: '((severity)) cyber incident ((reference)): ((headline)). Watchroom will text you a link to the public bulletin.',
    },
    { id: '5b6c7d8e-9f01-4a2b-8c3d-4e5f6a7b8c90', body: 'Public bulletin for ((reference)): ((url))' },
    { id: '7e2f4a6b-8c0d-4e1f-a2b3-c4d5e6f7a8b9', body: 'Update to the public bulletin for ((reference)): ((headline)). Read it: ((url))' },
    {
      id: '3e9d1c7b-6a2f-4b8e-9c1d-2f3a4b5c6d70',
      body: 'Your Watchroom code is ((code)). It expires in 10 minutes. If you did not ask for it, ignore this text.',
    },
    { id: '3c9d1e2f-4a5b-4c6d-9e7f-8a9b0c1d2e3f', subject: '((subject))', body: '((body))' },
  ],
};

// ─── Notify's constants ────────────────────────────────────────────────────────────────────────────

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOTIFY_BUCKET = { capacity: 1000, refillPerSecond: 50 };
const CLOCK_SKEW_SECONDS = 30;
const SMS_CHAR_LIMIT = 918;
const REFERENCE_MAX_LENGTH = 1000;
const PAGE_SIZE = 250;
const DAILY_SMS_LIMIT = 250_000;
const MAX_BODY_BYTES = 1024 * 1024;
const SMOKE_TEST_NUMBERS: ReadonlySet<string> = new Set(['+447700900000', '+447700900111', '+447700900222']);
const SEND_SMS_PROPERTIES = ['reference', 'phone_number', 'template_id', 'personalisation', 'sms_sender_id'];
const LIST_QUERY_PARAMETERS = ['template_type', 'status', 'reference', 'older_than', 'include_jobs'];
const TEMPLATE_TYPES = ['sms', 'email', 'letter'];
const FAILED_STATUSES: readonly SmsStatus[] = ['technical-failure', 'temporary-failure', 'permanent-failure'];
const FINAL_STATUSES: ReadonlySet<string> = new Set<SmsStatus>(['sent', 'delivered', ...FAILED_STATUSES]);
const IN_FLIGHT_STATUSES: ReadonlySet<string> = new Set<SmsStatus>(['sending', 'pending']);
const SMS_RATE_POUNDS = 0.0227;

// ─── Errors ────────────────────────────────────────────────────────────────────────────────────────

type NotifyErrorItem = { error: string; message: string };

/** A refusal in Notify's v2 shape; thrown by the checks, turned into a response by the router. */
class NotifyApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: NotifyErrorItem[],
  ) {
    super(errors.map((e) => e.message).join('; '));
  }

  static of(status: number, error: string, message: string): NotifyApiError {
    return new NotifyApiError(status, [{ error, message }]);
  }

  body(): { status_code: number; errors: NotifyErrorItem[] } {
    return { status_code: this.status, errors: this.errors };
  }
}

const authError = (status: 401 | 403, message: string) => NotifyApiError.of(status, 'AuthError', message);
const badRequest = (message: string) => NotifyApiError.of(400, 'BadRequestError', message);
const validationError = (messages: string[]) =>
  new NotifyApiError(
    400,
    messages.map((message) => ({ error: 'ValidationError', message })),
  );

// ─── Replies ───────────────────────────────────────────────────────────────────────────────────────

type Reply = { status: number; json: unknown } | { status: number; html: string };

const json = (status: number, body: unknown): Reply => ({ status, json: body });

const NOT_FOUND_MESSAGE =
  'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.';

const PROXY_PAGES: Record<number, string> = {
  429: '429 Too Many Requests',
  500: '500 Internal Server Error',
  502: '502 Bad Gateway',
  503: '503 Service Temporarily Unavailable',
  504: '504 Gateway Time-out',
};

function proxyHtmlPage(status: number): string {
  const title = PROXY_PAGES[status] ?? `${status} Error`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/** What Notify itself answers for a 5xx. */
function serverErrorBody(status: number): NotifyErrorItem {
  if (status === 504) return { error: 'EventletTimeout', message: 'Timeout serving request' };
  return { error: 'Exception', message: 'Internal server error' };
}

function rateLimitMessage(refillPerSecond: number): string {
  return `Exceeded rate limit for key type LIVE of ${Math.round(refillPerSecond * 60)} requests per 60 seconds`;
}

const DAILY_LIMIT_MESSAGE = `Exceeded send limits (sms: ${DAILY_SMS_LIMIT}) for today`;

// ─── Small helpers ─────────────────────────────────────────────────────────────────────────────────

const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID_PATTERN.test(value);

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Notify's timestamps carry microseconds: 2026-05-17T15:58:38.342838Z. */
function notifyTimestamp(epochMs: number): string {
  const micros = String(Math.floor((epochMs % 1) * 1000)).padStart(3, '0');
  return new Date(Math.floor(epochMs)).toISOString().replace('Z', `${micros}Z`);
}

/** Roughly Python's repr() as jsonschema prints it, with the quotes Notify strips already gone. */
function pythonRepr(value: unknown): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return value;
  return JSON.stringify(value).replace(/"/g, '');
}

const codePointLength = (text: string): number => [...text].length;

// ─── Auth: HS256 JWT with iss = service id and iat within 30 s ─────────────────────────────────────

type DecodedJwt = { header: Record<string, unknown>; payload: Record<string, unknown>; signingInput: string; signature: string };

function bearerToken(authorization: string | undefined): string {
  if (!authorization) throw authError(401, 'Unauthorized: authentication token must be provided');
  if (authorization.slice(0, 7).toLowerCase() !== 'bearer ') {
    throw authError(401, 'Unauthorized: authentication bearer scheme must be used');
  }
  return authorization.slice(7);
}

function decodeJsonSegment(segment: string): Record<string, unknown> {
  const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  if (!isPlainObject(value)) throw new Error('not a JSON object');
  return value;
}

function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  try {
    if (parts.length !== 3) throw new Error('not three segments');
    const [header, payload, signature] = parts;
    return { header: decodeJsonSegment(header), payload: decodeJsonSegment(payload), signingInput: `${header}.${payload}`, signature };
  } catch {
    throw authError(403, 'Invalid token: signature, api token is not valid');
  }
}

function hasValidSignature(jwt: DecodedJwt, secret: string): boolean {
  const expected = createHmac('sha256', secret).update(jwt.signingInput).digest();
  const given = Buffer.from(jwt.signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function checkIssuer(payload: Record<string, unknown>, serviceId: string): void {
  const issuer = payload.iss;
  if (issuer === undefined || issuer === null) throw authError(403, 'Invalid token: iss field not provided');
  if (!isUuid(issuer)) throw authError(403, 'Invalid token: service id is not the right data type');
  if (issuer.toLowerCase() !== serviceId.toLowerCase()) throw authError(403, 'Invalid token: service not found');
}

function checkIssuedAt(issuedAt: unknown, nowSeconds: number): void {
  // Notify tries every key of the service; a token its keys cannot validate ends as "API key not found".
  if (typeof issuedAt !== 'number') throw authError(403, 'Invalid token: API key not found');
  if (Math.abs(nowSeconds - issuedAt) > CLOCK_SKEW_SECONDS) {
    throw authError(403, 'Error: Your system clock must be accurate to within 30 seconds');
  }
}

/** Throws a 401/403 AuthError exactly where Notify would, in Notify's order. */
function authenticate(authorization: string | undefined, serviceId: string, secret: string, nowSeconds: number): void {
  const jwt = decodeJwt(bearerToken(authorization));
  checkIssuer(jwt.payload, serviceId);
  if (jwt.header.alg !== 'HS256') throw authError(403, 'Invalid token: algorithm used is not HS256');
  if (!hasValidSignature(jwt, secret)) throw authError(403, 'Invalid token: API key not found');
  checkIssuedAt(jwt.payload.iat, nowSeconds);
}

// ─── Rate limit: Notify's token bucket (notifications-utils "tally-bucket-rate-limit") ─────────────

/**
 * Each request takes a token (never below 0) and is refused when fewer than 1 is left afterwards, so a
 * full bucket of N allows N − 1 back-to-back requests (1000 → 999). Whole tokens are replenished from
 * real elapsed time, carrying the fraction over.
 */
export class TokenBucket {
  private tokens: number;
  private lastReplenishedSeconds: number;

  constructor(
    private readonly capacity: number,
    private readonly refillPerSecond: number,
    private readonly nowSeconds: () => number,
  ) {
    this.tokens = capacity;
    this.lastReplenishedSeconds = nowSeconds();
  }

  /** Takes a token; true when the request may proceed. */
  take(): boolean {
    const elapsed = Math.max(this.nowSeconds() - this.lastReplenishedSeconds, 0);
    const replenishment = Math.floor(elapsed * this.refillPerSecond);
    this.tokens = Math.min(this.tokens + replenishment, this.capacity);
    this.tokens = Math.max(this.tokens - 1, 0);
    this.lastReplenishedSeconds += replenishment / this.refillPerSecond;
    return this.tokens >= 1;
  }

  refill(): void {
    this.tokens = this.capacity;
    this.lastReplenishedSeconds = this.nowSeconds();
  }
}

// ─── Phone numbers (notifications-utils rules) ─────────────────────────────────────────────────────

export type PhoneClassification =
  | { kind: 'invalid'; message: string }
  | { kind: 'uk-mobile'; normalised: string }
  | { kind: 'uk-not-mobile' }
  | { kind: 'international'; normalised: string };

/** Whitespace (incl. zero-width and no-break), brackets and dashes go; one leading + goes. */
function stripPhoneFormatting(raw: string): string {
  return raw.replace(/[\s\u200B\u200C\u200D\u2060\uFEFF()-]/g, '').replace(/^\+/, '');
}

function looksLikeUkNumber(raw: string, digits: string): boolean {
  if (raw.startsWith('0') && !raw.startsWith('00')) return true;
  const withoutZeros = digits.replace(/^0+/, '');
  return withoutZeros.startsWith('44') || (withoutZeros.startsWith('7') && withoutZeros.length < 11);
}

function classifyUkNumber(digits: string): PhoneClassification {
  // Python's .lstrip("0").lstrip("44").lstrip("0"): strips any run of leading 4s, as Notify does.
  const national = digits.replace(/^0+/, '').replace(/^4+/, '').replace(/^0+/, '');
  if (!national.startsWith('7')) return { kind: 'uk-not-mobile' };
  if (national.length > 10) return { kind: 'invalid', message: 'Too many digits' };
  if (national.length < 10) return { kind: 'invalid', message: 'Not enough digits' };
  return { kind: 'uk-mobile', normalised: `+44${national}` };
}

function classifyInternationalNumber(digits: string): PhoneClassification {
  const number = digits.replace(/^0+/, '');
  if (number.length < 8) return { kind: 'invalid', message: 'Not enough digits' };
  if (number.length > 15) return { kind: 'invalid', message: 'Too many digits' };
  return { kind: 'international', normalised: `+${number}` };
}

export function classifyPhoneNumber(raw: string): PhoneClassification {
  const digits = stripPhoneFormatting(raw);
  if (!/^\d*$/.test(digits)) return { kind: 'invalid', message: 'Must not contain letters or symbols' };
  return looksLikeUkNumber(raw, digits) ? classifyUkNumber(digits) : classifyInternationalNumber(digits);
}

// ─── Templates: ((placeholders)), then Notify's SMS formatting ─────────────────────────────────────

const PLACEHOLDER_PATTERN = /\(\(([^()]+)\)\)/g;
const GSM_CHARACTERS = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED_CHARACTERS = new Set('^{}\\[~]|€');
const DOWNGRADED_CHARACTERS: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2013': '-',
  '\u2014': '-',
  '\u2212': '-',
  '\u2026': '...',
  '\u2022': '-',
  '\t': ' ',
  '\u00A0': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u2009': ' ',
};

type ParsedPlaceholder = { name: string; conditionalText: string | null };

function parsePlaceholder(inner: string): ParsedPlaceholder {
  const [name, ...rest] = inner.split('??');
  return { name: name.trim(), conditionalText: rest.length > 0 ? rest.join('??') : null };
}

/** Notify matches personalisation keys ignoring case, spaces, underscores and dashes. */
const insensitiveKey = (key: string): string => key.replace(/[ _-]/g, '').toLowerCase();

function formatPersonalisationValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(formatPersonalisationValue).join(', ');
  return pythonRepr(value);
}

function isTruthyConditional(value: string): boolean {
  return ['yes', 'y', 'true', 't', '1', 'include', 'show'].includes(value.toLowerCase());
}

function encodeSmsCharacter(character: string): string {
  if (GSM_CHARACTERS.has(character) || GSM_EXTENDED_CHARACTERS.has(character)) return character;
  const downgraded = DOWNGRADED_CHARACTERS[character];
  if (downgraded !== undefined) return downgraded;
  const withoutAccents = character.normalize('NFD').replace(/\p{M}/gu, '');
  if (withoutAccents && [...withoutAccents].every((c) => GSM_CHARACTERS.has(c))) return withoutAccents;
  return '?';
}

/** GSM-7 only: known look-alikes downgraded, accents dropped, anything else (emoji) becomes "?". */
function smsEncode(text: string): string {
  return [...text].map(encodeSmsCharacter).join('');
}

function normaliseSmsWhitespace(text: string): string {
  return text
    .replace(/[ \t]+([,.;:!?])/g, '$1')
    .split(/\r\n|\r|\n/)
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export type RenderedSms = { body: string; missing: string[]; values: Record<string, string> };

/** Fills ((placeholders)) like Notify: case/space/underscore-insensitive keys, null counts as missing. */
export function renderSmsTemplate(templateBody: string, personalisation: Record<string, unknown>): RenderedSms {
  const values: Record<string, string> = {};
  const lookup = new Map<string, string>();
  for (const [key, value] of Object.entries(personalisation)) {
    if (value === null || value === undefined) continue;
    values[key] = formatPersonalisationValue(value);
    lookup.set(insensitiveKey(key), values[key]);
  }
  const missing: string[] = [];
  const filled = templateBody.replace(PLACEHOLDER_PATTERN, (match, inner: string) => {
    const placeholder = parsePlaceholder(inner);
    const value = lookup.get(insensitiveKey(placeholder.name));
    if (value === undefined) {
      if (!missing.includes(placeholder.name)) missing.push(placeholder.name);
      return match;
    }
    if (placeholder.conditionalText === null) return value;
    return isTruthyConditional(value) ? placeholder.conditionalText : '';
  });
  return { body: normaliseSmsWhitespace(smsEncode(filled)), missing, values };
}

/** 160 GSM characters in one fragment, then 153 each; extended characters take two. */
function smsFragmentCount(body: string): number {
  const septets = [...body].reduce((n, c) => n + (GSM_EXTENDED_CHARACTERS.has(c) ? 2 : 1), 0);
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

// ─── Request validation for POST /v2/notifications/sms ─────────────────────────────────────────────

type SendSmsRequest = {
  template_id: string;
  phone_number: string;
  personalisation: Record<string, unknown>;
  reference: string | null;
  sms_sender_id?: string;
};

function parseJsonBody(raw: string): unknown {
  try {
    return raw.trim() === '' ? {} : JSON.parse(raw);
  } catch {
    throw badRequest('Invalid JSON supplied in POST data');
  }
}

function referenceErrors(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value !== 'string') return [`reference ${pythonRepr(value)} is not of type string, null`];
  return value.length > REFERENCE_MAX_LENGTH ? [`reference ${value} is too long`] : [];
}

function phoneNumberErrors(value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') return [`phone_number ${pythonRepr(value)} is not of type string`];
  const phone = classifyPhoneNumber(value);
  return phone.kind === 'invalid' ? [`phone_number ${phone.message}`] : [];
}

function uuidErrors(field: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (typeof value !== 'string') return [`${field} ${pythonRepr(value)} is not of type string`];
  return isUuid(value) ? [] : [`${field} is not a valid UUID`];
}

function personalisationErrors(value: unknown): string[] {
  if (value === undefined || isPlainObject(value)) return [];
  return [`personalisation ${pythonRepr(value)} is not of type object`];
}

/** jsonschema's order: properties in schema order, then required, then additionalProperties. */
function sendSmsSchemaErrors(body: Record<string, unknown>): string[] {
  const required = ['phone_number', 'template_id'].filter((key) => !(key in body));
  const unexpected = Object.keys(body).filter((key) => !SEND_SMS_PROPERTIES.includes(key));
  return [
    ...referenceErrors(body.reference),
    ...phoneNumberErrors(body.phone_number),
    ...uuidErrors('template_id', body.template_id),
    ...personalisationErrors(body.personalisation),
    ...uuidErrors('sms_sender_id', body.sms_sender_id),
    ...required.map((key) => `${key} is a required property`),
    ...(unexpected.length === 0
      ? []
      : [`Additional properties are not allowed (${unexpected.join(', ')} ${unexpected.length === 1 ? 'was' : 'were'} unexpected)`]),
  ];
}

function validateSendSmsRequest(raw: string): SendSmsRequest {
  const body = parseJsonBody(raw);
  if (!isPlainObject(body)) throw validationError([`${pythonRepr(body)} is not of type object`]);
  const errors = sendSmsSchemaErrors(body);
  if (errors.length > 0) throw validationError(errors);
  return {
    template_id: body.template_id as string,
    phone_number: body.phone_number as string,
    personalisation: (body.personalisation as Record<string, unknown> | undefined) ?? {},
    reference: (body.reference as string | null | undefined) ?? null,
    ...(body.sms_sender_id === undefined ? {} : { sms_sender_id: body.sms_sender_id as string }),
  };
}

/** Step 6: only UK mobiles may be texted by this (non-international) service. */
function ukMobileRecipient(phoneNumber: string): string {
  const phone = classifyPhoneNumber(phoneNumber);
  if (phone.kind === 'uk-mobile') return phone.normalised;
  if (phone.kind === 'international') throw badRequest('Cannot send to international mobile numbers');
  throw NotifyApiError.of(400, 'InvalidPhoneError', 'Not a UK mobile number');
}

function checkMessageLength(body: string): void {
  if (body.trim() === '') throw badRequest('Message is empty or just whitespace');
  const length = codePointLength(body);
  if (length > SMS_CHAR_LIMIT) {
    throw badRequest(
      `Your message is too long. Text messages cannot be longer than ${SMS_CHAR_LIMIT} characters. Your message is ${length} characters long.`,
    );
  }
}

/** Final status a test key would reach for this number. */
function testKeyFinalStatus(normalisedPhoneNumber: string): SmsStatus {
  if (normalisedPhoneNumber.endsWith('7700900003')) return 'temporary-failure';
  if (normalisedPhoneNumber.endsWith('7700900002')) return 'permanent-failure';
  return 'delivered';
}

// ─── Faults ────────────────────────────────────────────────────────────────────────────────────────

const FAULT_STATUSES: readonly number[] = [500, 502, 503, 504, 429];

/** Checks a JSON value is a list of FaultMode (for the control endpoint); throws with the reason. */
export function parseFaultModes(value: unknown): FaultMode[] {
  if (!Array.isArray(value)) throw new Error('faults must be a JSON array');
  return value.map(parseFaultMode);
}

function parseFaultMode(value: unknown, index: number): FaultMode {
  const fail = (why: string): never => {
    throw new Error(`fault ${index}: ${why}`);
  };
  if (!isPlainObject(value)) return fail('must be an object');
  const { kind, times } = value;
  if (typeof times !== 'number' || !Number.isInteger(times) || times < 1) return fail('times must be a positive integer');
  switch (kind) {
    case 'status': {
      const { status, html } = value;
      if (typeof status !== 'number' || !FAULT_STATUSES.includes(status)) return fail(`status must be one of ${FAULT_STATUSES.join(', ')}`);
      if (html !== undefined && typeof html !== 'boolean') return fail('html must be a boolean');
      return { kind, status: status as 500 | 502 | 503 | 504 | 429, times, ...(html === undefined ? {} : { html }) };
    }
    case 'timeout': {
      const { delayMs } = value;
      if (typeof delayMs !== 'number' || delayMs < 0) return fail('delayMs must be a non-negative number');
      return { kind, times, delayMs };
    }
    case 'rate-limit':
    case 'daily-limit':
    case 'accept-then-drop':
    case 'reset':
      return { kind, times };
    default:
      return fail(`unknown kind ${String(kind)}`);
  }
}

/** Faults in order; each applies to its next `times` send requests. */
class FaultQueue {
  private readonly pending: { fault: FaultMode; remaining: number }[] = [];

  push(faults: FaultMode[]): void {
    for (const fault of faults) if (fault.times > 0) this.pending.push({ fault, remaining: fault.times });
  }

  next(): FaultMode | undefined {
    const head = this.pending[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining === 0) this.pending.shift();
    return head.fault;
  }

  clear(): void {
    this.pending.length = 0;
  }
}

// ─── HTTP plumbing ─────────────────────────────────────────────────────────────────────────────────

class BodyTooLargeError extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const requestUrl = (req: IncomingMessage): URL => new URL(req.url ?? '/', 'http://fake-notify.invalid');

function writeReply(res: ServerResponse, reply: Reply): void {
  if ('html' in reply) {
    res.writeHead(reply.status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(reply.html) });
    res.end(reply.html);
    return;
  }
  const text = JSON.stringify(reply.json);
  res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

// ─── The fake ──────────────────────────────────────────────────────────────────────────────────────

export class FakeNotify {
  /** Accepted (stored) texts in order; smoke-test numbers never appear. Entries follow setStatus. */
  readonly received: ReceivedSms[] = [];
  /** Every Notify API request with the status answered (control routes excluded). */
  readonly requests: RecordedRequest[] = [];
  /** Accepted emails in order. */
  readonly receivedEmails: ReceivedEmail[] = [];

  private readonly templates: Map<string, FakeTemplate>;
  private readonly notifications = new Map<string, ReceivedSms>();
  private readonly receivedTexts: ReceivedText[] = [];
  private readonly faults = new FaultQueue();
  private readonly bucket: TokenBucket;
  private readonly refillPerSecond: number;
  private readonly clock: () => number;
  private readonly heldRequests = new Set<NodeJS.Timeout>();
  private server: Server | null = null;
  /** See FakeNotifyOptions.answerDelayMs. */
  answerDelayMs: number;
  private baseUrl: string | null = null;

  constructor(private readonly opts: FakeNotifyOptions) {
    assertUuid('serviceId', opts.serviceId);
    assertUuid('secret', opts.secret);
    for (const template of opts.templates) assertUuid('template id', template.id);
    this.templates = new Map(opts.templates.map((t) => [t.id.toLowerCase(), t]));
    this.clock = opts.clock ?? Date.now;
    const { capacity, refillPerSecond } = opts.bucket ?? NOTIFY_BUCKET;
    this.refillPerSecond = refillPerSecond;
    this.answerDelayMs = opts.answerDelayMs ?? 0;
    this.bucket = new TokenBucket(capacity, refillPerSecond, () => this.clock() / 1000);
  }

  /** `{name}-{service id}-{secret}`, as the Notify admin UI hands it out. */
  get apiKey(): string {
    return `fake-${this.opts.serviceId}-${this.opts.secret}`;
  }

  get url(): string {
    if (!this.baseUrl) throw new Error('FakeNotify is not started');
    return this.baseUrl;
  }

  async start(): Promise<{ url: string; port: number }> {
    if (this.server) throw new Error('FakeNotify is already started');
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => this.answerUnexpectedError(req, res, error));
    });
    const host = this.opts.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return { url: this.baseUrl, port };
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    for (const timer of this.heldRequests) clearTimeout(timer);
    this.heldRequests.clear();
    const closed = new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    server.closeAllConnections();
    await closed;
  }

  injectFaults(...faults: FaultMode[]): void {
    this.faults.push(faults);
  }

  setStatus(notificationId: string, status: string): void {
    const sms = this.notifications.get(notificationId);
    if (!sms) throw new Error(`FakeNotify: no stored notification ${notificationId}`);
    if (!isSmsStatus(status)) throw new Error(`FakeNotify: ${status} is not an SMS status (${SMS_STATUSES.join(', ')})`);
    const now = notifyTimestamp(this.clock());
    sms.status = status;
    if (status === 'created') {
      sms.sentAt = null;
      sms.completedAt = null;
      return;
    }
    if (IN_FLIGHT_STATUSES.has(status) || FINAL_STATUSES.has(status)) sms.sentAt ??= now;
    sms.completedAt = FINAL_STATUSES.has(status) ? now : null;
  }

  addReceivedText(text: { phoneNumber: string; content: string }): ReceivedText {
    const phone = classifyPhoneNumber(text.phoneNumber);
    const userNumber = phone.kind === 'uk-mobile' || phone.kind === 'international' ? phone.normalised.slice(1) : text.phoneNumber;
    const received: ReceivedText = {
      id: randomUUID(),
      notify_number: this.opts.inboundNumber ?? '07700900999',
      user_number: userNumber,
      service_id: this.opts.serviceId,
      content: text.content,
      created_at: notifyTimestamp(this.clock()),
    };
    this.receivedTexts.push(received);
    return received;
  }

  /** Forgets everything: texts, requests, faults, received texts; refills the bucket. */
  reset(): void {
    this.received.length = 0;
    this.receivedEmails.length = 0;
    this.requests.length = 0;
    this.notifications.clear();
    this.receivedTexts.length = 0;
    this.faults.clear();
    this.bucket.refill();
  }

  // ── Routing ──

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = requestUrl(req);
    if (this.opts.controlEndpoints && url.pathname.startsWith('/_fake/')) {
      writeReply(res, await this.handleControl(method, url.pathname, req));
      return;
    }
    if (method === 'POST' && url.pathname === '/v2/notifications/sms') {
      await this.handleSendSms(req, res);
      return;
    }
    if (method === 'POST' && url.pathname === '/v2/notifications/email') {
      await this.handleSendSms(req, res, url.pathname, (auth, raw) => this.sendEmail(auth, raw));
      return;
    }
    const reply = this.answerApiRequest(method, url, req.headers.authorization);
    this.record(method, url.pathname, reply.status);
    writeReply(res, reply);
  }

  private answerApiRequest(method: string, url: URL, authorization: string | undefined): Reply {
    const route = matchApiRoute(url.pathname);
    if (!route) return json(404, { result: 'error', message: NOT_FOUND_MESSAGE });
    if (method !== route.method) return json(405, { result: 'error', message: 'The method is not allowed for the requested URL.' });
    try {
      this.authenticate(authorization);
      switch (route.name) {
        case 'get-notification':
          return json(200, this.getNotification(route.id));
        case 'list-notifications':
          return json(200, this.listNotifications(url.searchParams));
        case 'received-texts':
          return json(200, this.listReceivedTexts(url.searchParams));
        case 'send-sms':
          throw new Error('unreachable: handle() gives POST /v2/notifications/sms to handleSendSms');
      }
    } catch (error) {
      if (error instanceof NotifyApiError) return json(error.status, error.body());
      throw error;
    }
  }

  private answerUnexpectedError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
    const tooLarge = error instanceof BodyTooLargeError;
    const status = tooLarge ? 413 : 500;
    const item = tooLarge ? { error: 'BadRequestError', message: 'Request entity too large' } : serverErrorBody(500);
    if (!res.headersSent && !res.destroyed) writeReply(res, json(status, { status_code: status, errors: [item] }));
    this.record(req.method ?? 'GET', requestUrl(req).pathname, status);
  }

  private record(method: string, path: string, status: number, fault?: FaultKind): void {
    this.requests.push({ method, path, status, ...(fault ? { fault } : {}) });
  }

  private authenticate(authorization: string | undefined): void {
    authenticate(authorization, this.opts.serviceId, this.opts.secret, this.clock() / 1000);
  }

  // ── POST /v2/notifications/sms ──

  /** Also serves POST /v2/notifications/email (same faults, auth and bucket) when given its path and sender. */
  private async handleSendSms(
    req: IncomingMessage,
    res: ServerResponse,
    path = '/v2/notifications/sms',
    send: (authorization: string | undefined, rawBody: string) => Reply = (a, b) => this.sendSms(a, b),
  ): Promise<void> {
    const fault = this.faults.next();
    if (fault && this.applyConnectionFault(fault, req)) {
      this.record('POST', path, 0, fault.kind);
      return;
    }
    const forced = fault ? forcedFaultReply(fault, this.refillPerSecond) : null;
    if (forced) {
      this.record('POST', path, forced.status, fault?.kind);
      writeReply(res, forced);
      return;
    }
    const reply = send(req.headers.authorization, await readBody(req));
    if (fault?.kind === 'accept-then-drop') {
      this.record('POST', path, reply.status, fault.kind);
      req.socket.destroy();
      return;
    }
    this.record('POST', path, reply.status);
    if (this.answerDelayMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.heldRequests.delete(timer);
          resolve();
        }, this.answerDelayMs);
        this.heldRequests.add(timer);
      });
    }
    writeReply(res, reply);
  }

  /** 'reset' and 'timeout' end the connection without an answer; true when one did. */
  private applyConnectionFault(fault: FaultMode, req: IncomingMessage): boolean {
    if (fault.kind === 'reset') {
      req.socket.destroy();
      return true;
    }
    if (fault.kind === 'timeout') {
      const timer = setTimeout(() => {
        this.heldRequests.delete(timer);
        req.socket.destroy();
      }, fault.delayMs);
      this.heldRequests.add(timer);
      return true;
    }
    return false;
  }

  /** Notify's checks in order; the first failure answers. */
  private sendSms(authorization: string | undefined, rawBody: string): Reply {
    try {
      this.authenticate(authorization);
      if (!this.bucket.take()) throw NotifyApiError.of(429, 'RateLimitError', rateLimitMessage(this.refillPerSecond));
      const request = validateSendSmsRequest(rawBody);
      const template = this.templates.get(request.template_id.toLowerCase());
      if (!template) throw badRequest('Template not found');
      const rendered = renderSmsTemplate(template.body, request.personalisation);
      if (rendered.missing.length > 0) throw badRequest(`Missing personalisation: ${rendered.missing.join(', ')}`);
      const normalisedPhoneNumber = ukMobileRecipient(request.phone_number);
      checkMessageLength(rendered.body);
      const sms = this.createSms(request, template, rendered, normalisedPhoneNumber);
      return json(201, this.sendSmsResponse(sms));
    } catch (error) {
      if (error instanceof NotifyApiError) return json(error.status, error.body());
      throw error;
    }
  }

  /** POST /v2/notifications/email: auth, rate limit, schema, template (with a subject), personalisation. */
  private sendEmail(authorization: string | undefined, rawBody: string): Reply {
    try {
      this.authenticate(authorization);
      if (!this.bucket.take()) throw NotifyApiError.of(429, 'RateLimitError', rateLimitMessage(this.refillPerSecond));
      const body = parseJsonBody(rawBody);
      if (!isPlainObject(body)) throw validationError([`${pythonRepr(body)} is not of type object`]);
      const allowed = ['reference', 'email_address', 'template_id', 'personalisation', 'email_reply_to_id', 'one_click_unsubscribe_url'];
      const unexpected = Object.keys(body).filter((key) => !allowed.includes(key));
      const address = body.email_address;
      const errors = [
        ...referenceErrors(body.reference),
        ...(address === undefined || (typeof address === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) ? [] : [`email_address Not a valid email address`]),
        ...uuidErrors('template_id', body.template_id),
        ...personalisationErrors(body.personalisation),
        ...uuidErrors('email_reply_to_id', body.email_reply_to_id),
        ...['email_address', 'template_id'].filter((key) => !(key in body)).map((key) => `${key} is a required property`),
        ...(unexpected.length === 0 ? [] : [additionalPropertiesMessage(unexpected)]),
      ];
      if (errors.length > 0) throw validationError(errors);
      const template = this.templates.get(String(body.template_id).toLowerCase());
      if (!template || template.subject === undefined) throw badRequest('Template not found');
      const personalisation = (body.personalisation as Record<string, unknown> | undefined) ?? {};
      const subject = renderSmsTemplate(template.subject, personalisation);
      const rendered = renderSmsTemplate(template.body, personalisation);
      const missing = [...new Set([...subject.missing, ...rendered.missing])];
      if (missing.length > 0) throw badRequest(`Missing personalisation: ${missing.join(', ')}`);
      const email: ReceivedEmail = {
        id: randomUUID(),
        templateId: template.id,
        emailAddress: address as string,
        personalisation: rendered.values,
        reference: (body.reference as string | null | undefined) ?? null,
        // Emails are not GSM-encoded: fill the placeholders into the raw template text.
        subject: fillEmailPlaceholders(template.subject, rendered.values),
        body: fillEmailPlaceholders(template.body, rendered.values),
        createdAt: notifyTimestamp(this.clock()),
      };
      this.receivedEmails.push(email);
      return json(201, {
        id: email.id,
        reference: email.reference,
        content: { subject: email.subject, body: email.body, from_email: 'watchroom@notifications.service.gov.uk', one_click_unsubscribe_url: null },
        uri: `${this.url}/v2/notifications/${email.id}`,
        template: this.templateRef(email.templateId),
        scheduled_for: null,
      });
    } catch (error) {
      if (error instanceof NotifyApiError) return json(error.status, error.body());
      throw error;
    }
  }

  private createSms(request: SendSmsRequest, template: FakeTemplate, rendered: RenderedSms, normalisedPhoneNumber: string): ReceivedSms {
    const sms: ReceivedSms = {
      id: randomUUID(),
      templateId: template.id,
      phoneNumber: request.phone_number,
      normalisedPhoneNumber,
      personalisation: rendered.values,
      reference: request.reference,
      body: rendered.body,
      createdAt: notifyTimestamp(this.clock()),
      status: 'created',
      sentAt: null,
      completedAt: null,
    };
    if (SMOKE_TEST_NUMBERS.has(normalisedPhoneNumber)) return sms; // 201 with a fake id, never stored
    this.notifications.set(sms.id, sms);
    this.received.push(sms);
    if (this.opts.autoDeliver) this.setStatus(sms.id, testKeyFinalStatus(normalisedPhoneNumber));
    return sms;
  }

  private sendSmsResponse(sms: ReceivedSms) {
    return {
      id: sms.id,
      reference: sms.reference,
      content: { body: sms.body, from_number: this.opts.fromNumber ?? 'GOVUK' },
      uri: `${this.url}/v2/notifications/${sms.id}`,
      template: this.templateRef(sms.templateId),
      scheduled_for: null,
    };
  }

  private templateRef(templateId: string) {
    return { id: templateId, version: 1, uri: `${this.url}/services/${this.opts.serviceId}/templates/${templateId}` };
  }

  // ── GET routes ──

  private getNotification(id: string) {
    if (!isUuid(id)) throw validationError(['notification_id is not a valid UUID']);
    const sms = this.notifications.get(id.toLowerCase());
    if (!sms) throw NotifyApiError.of(404, 'NoResultFound', 'No result found');
    return this.notificationJson(sms);
  }

  private notificationJson(sms: ReceivedSms) {
    const costReady = FINAL_STATUSES.has(sms.status);
    const fragments = smsFragmentCount(sms.body);
    return {
      id: sms.id,
      reference: sms.reference,
      email_address: null,
      phone_number: sms.phoneNumber,
      type: 'sms',
      status: sms.status,
      template: this.templateRef(sms.templateId),
      body: sms.body,
      subject: null,
      created_at: sms.createdAt,
      created_by_name: null,
      sent_at: sms.sentAt,
      completed_at: sms.completedAt,
      scheduled_for: null,
      postage: null,
      is_cost_data_ready: costReady,
      cost_in_pounds: costReady ? Number((fragments * SMS_RATE_POUNDS).toFixed(4)) : null,
      cost_details: costReady ? { billable_sms_fragments: fragments, international_rate_multiplier: 1, sms_rate: SMS_RATE_POUNDS } : {},
    };
  }

  private listNotifications(query: URLSearchParams) {
    const filter = parseListQuery(query);
    const matching = [...this.notifications.values()].filter((sms) => filter.matches(sms)).reverse();
    const page = olderThan(matching, filter.olderThan).slice(0, PAGE_SIZE);
    const current = `${this.url}/v2/notifications${query.size > 0 ? `?${query}` : ''}`;
    const last = page.at(-1);
    const next = last ? withOlderThan(`${this.url}/v2/notifications`, query, last.id) : undefined;
    return { notifications: page.map((sms) => this.notificationJson(sms)), links: { current, ...(next ? { next } : {}) } };
  }

  private listReceivedTexts(query: URLSearchParams) {
    const unexpected = [...new Set(query.keys())].filter((key) => key !== 'older_than');
    if (unexpected.length > 0) throw validationError([additionalPropertiesMessage(unexpected)]);
    const olderThanId = query.get('older_than');
    if (olderThanId !== null && !isUuid(olderThanId)) throw validationError(['older_than is not a valid UUID']);
    const page = olderThan([...this.receivedTexts].reverse(), olderThanId).slice(0, PAGE_SIZE);
    const last = page.at(-1);
    const base = `${this.url}/v2/received-text-messages`;
    return {
      received_text_messages: page,
      links: { current: base, ...(last ? { next: `${base}?older_than=${last.id}` } : {}) },
    };
  }

  // ── /_fake control routes (CLI) ──

  private async handleControl(method: string, path: string, req: IncomingMessage): Promise<Reply> {
    try {
      const route = `${method} ${path}`;
      switch (route) {
        case 'GET /_fake/received':
          return json(200, this.received);
        case 'GET /_fake/emails':
          return json(200, this.receivedEmails);
        case 'GET /_fake/requests':
          return json(200, this.requests);
        case 'POST /_fake/reset':
          this.reset();
          return json(200, { ok: true });
        case 'POST /_fake/faults': {
          const faults = parseFaultModes(JSON.parse(await readBody(req)));
          this.injectFaults(...faults);
          return json(200, { queued: faults.length });
        }
        case 'POST /_fake/status': {
          const { id, status } = parseObject(await readBody(req));
          this.setStatus(String(id), String(status));
          return json(200, { ok: true });
        }
        case 'POST /_fake/received-texts': {
          const { phoneNumber, content } = parseObject(await readBody(req));
          return json(201, this.addReceivedText({ phoneNumber: String(phoneNumber), content: String(content) }));
        }
        default:
          return json(404, { error: `no control route ${route}` });
      }
    } catch (error) {
      return json(400, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

// ─── Routing and listing helpers ───────────────────────────────────────────────────────────────────

type ApiRoute =
  | { name: 'send-sms'; method: 'POST' }
  | { name: 'list-notifications'; method: 'GET' }
  | { name: 'get-notification'; method: 'GET'; id: string }
  | { name: 'received-texts'; method: 'GET' };

function matchApiRoute(pathname: string): ApiRoute | null {
  if (pathname === '/v2/notifications/sms') return { name: 'send-sms', method: 'POST' };
  if (pathname === '/v2/notifications') return { name: 'list-notifications', method: 'GET' };
  if (pathname === '/v2/received-text-messages') return { name: 'received-texts', method: 'GET' };
  const byId = /^\/v2\/notifications\/([^/]+)$/.exec(pathname);
  return byId ? { name: 'get-notification', method: 'GET', id: decodeURIComponent(byId[1]) } : null;
}

const isSmsStatus = (status: string): status is SmsStatus => (SMS_STATUSES as readonly string[]).includes(status);

function assertUuid(what: string, value: string): void {
  if (!isUuid(value)) throw new Error(`FakeNotify: ${what} must be a UUID, got ${value}`);
}

function parseObject(raw: string): Record<string, unknown> {
  const value: unknown = JSON.parse(raw);
  if (!isPlainObject(value)) throw new Error('body must be a JSON object');
  return value;
}

function additionalPropertiesMessage(unexpected: string[]): string {
  return `Additional properties are not allowed (${unexpected.join(', ')} ${unexpected.length === 1 ? 'was' : 'were'} unexpected)`;
}

type ListFilter = { matches: (sms: ReceivedSms) => boolean; olderThan: string | null };

/** Validates `?template_type=&status=&reference=&older_than=` like Notify's schema. */
function parseListQuery(query: URLSearchParams): ListFilter {
  const unexpected = [...new Set(query.keys())].filter((key) => !LIST_QUERY_PARAMETERS.includes(key));
  if (unexpected.length > 0) throw validationError([additionalPropertiesMessage(unexpected)]);
  const types = query.getAll('template_type');
  const statuses = query.getAll('status');
  const errors = [
    ...types.filter((t) => !TEMPLATE_TYPES.includes(t)).map((t) => `template_type ${t} is not one of [${TEMPLATE_TYPES.join(', ')}]`),
    ...statuses
      .filter((s) => s !== 'failed' && !isSmsStatus(s))
      .map((s) => `status ${s} is not one of [${[...SMS_STATUSES, 'failed'].join(', ')}]`),
  ];
  const olderThanId = query.get('older_than');
  if (olderThanId !== null && !isUuid(olderThanId)) errors.push('older_than is not a valid UUID');
  if (errors.length > 0) throw validationError(errors);
  const wantedStatuses = new Set(statuses.flatMap((s): readonly string[] => (s === 'failed' ? FAILED_STATUSES : [s])));
  const reference = query.get('reference');
  return {
    olderThan: olderThanId,
    matches: (sms) =>
      (types.length === 0 || types.includes('sms')) &&
      (wantedStatuses.size === 0 || wantedStatuses.has(sms.status)) &&
      (reference === null || sms.reference === reference),
  };
}

function fillEmailPlaceholders(template: string, values: Record<string, string>): string {
  const lookup = new Map(Object.entries(values).map(([k, v]) => [insensitiveKey(k), v]));
  return template.replace(PLACEHOLDER_PATTERN, (match, inner: string) => lookup.get(insensitiveKey(parsePlaceholder(inner).name)) ?? match);
}

/** Items after the one with `id` (lists are newest first); none when the id is unknown. */
function olderThan<T extends { id: string }>(newestFirst: T[], id: string | null): T[] {
  if (id === null) return newestFirst;
  const index = newestFirst.findIndex((item) => item.id === id.toLowerCase());
  return index === -1 ? [] : newestFirst.slice(index + 1);
}

function withOlderThan(base: string, query: URLSearchParams, id: string): string {
  const next = new URLSearchParams(query);
  next.set('older_than', id);
  return `${base}?${next}`;
}

/** The faults that answer without looking at the request. */
function forcedFaultReply(fault: FaultMode, refillPerSecond: number): Reply | null {
  switch (fault.kind) {
    case 'status':
      if (fault.html) return { status: fault.status, html: proxyHtmlPage(fault.status) };
      if (fault.status === 429) return json(429, NotifyApiError.of(429, 'RateLimitError', rateLimitMessage(refillPerSecond)).body());
      return json(fault.status, { status_code: fault.status, errors: [serverErrorBody(fault.status)] });
    case 'rate-limit':
      return json(429, NotifyApiError.of(429, 'RateLimitError', rateLimitMessage(refillPerSecond)).body());
    case 'daily-limit':
      return json(429, NotifyApiError.of(429, 'TooManyRequestsError', DAILY_LIMIT_MESSAGE).body());
    default:
      return null;
  }
}
