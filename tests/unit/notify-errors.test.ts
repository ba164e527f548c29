import { AxiosError, AxiosHeaders, type AxiosResponse, type InternalAxiosRequestConfig } from 'axios';
import { describe, expect, it } from 'vitest';
import { classifyNotifyError, nextUtcMidnight } from '@/lib/alerts/notify-errors';

const requestConfig = { headers: new AxiosHeaders() } as InternalAxiosRequestConfig;

/** An error shaped as axios rejects for an HTTP answer from Notify (or a proxy in front of it). */
function answered(status: number, data: unknown): AxiosError {
  const response: AxiosResponse = { status, statusText: String(status), data, headers: {}, config: requestConfig };
  return new AxiosError(`Request failed with status code ${status}`, AxiosError.ERR_BAD_RESPONSE, requestConfig, {}, response);
}

const notifyError = (status: number, error: string, message: string) =>
  answered(status, { status_code: status, errors: [{ error, message }] });

describe('classifyNotifyError', () => {
  it.each([
    ['no Authorization header (401)', notifyError(401, 'AuthError', 'Unauthorized: authentication token must be provided')],
    ['an invalid token (403)', notifyError(403, 'AuthError', 'Invalid token: API key not found')],
    ['clock skew (403)', notifyError(403, 'AuthError', 'Error: Your system clock must be accurate to within 30 seconds')],
    ['a schema error (400)', notifyError(400, 'ValidationError', 'phone_number Not enough digits')],
    ['an unknown template (400)', notifyError(400, 'BadRequestError', 'Template not found')],
    ['missing personalisation (400)', notifyError(400, 'BadRequestError', 'Missing personalisation: url')],
    ['a team-only key (400)', notifyError(400, 'BadRequestError', 'Can’t send to this recipient using a team-only API key')],
    ['an international number (400)', notifyError(400, 'BadRequestError', 'Cannot send to international mobile numbers')],
    ['a landline (400)', notifyError(400, 'InvalidPhoneError', 'Not a UK mobile number')],
    ['a message too long (400)', notifyError(400, 'BadRequestError', 'Your message is too long. Text messages cannot be longer than 918 characters.')],
    ['an unknown notification (404)', notifyError(404, 'NoResultFound', 'No result found')],
  ])('never retries %s and keeps Notify’s message', (_label, error) => {
    const { errors } = error.response!.data as { errors: { error: string; message: string }[] };
    expect(classifyNotifyError(error)).toEqual({ action: 'fail', message: `${errors[0].error}: ${errors[0].message}` });
  });

  it('reports the first of several validation errors', () => {
    const error = answered(400, {
      status_code: 400,
      errors: [
        { error: 'ValidationError', message: 'phone_number Not enough digits' },
        { error: 'ValidationError', message: 'template_id is not a valid UUID' },
      ],
    });
    expect(classifyNotifyError(error)).toEqual({ action: 'fail', message: 'ValidationError: phone_number Not enough digits' });
  });

  it('retries the per-minute rate limit without a lookup (Notify refused it)', () => {
    const error = notifyError(429, 'RateLimitError', 'Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds');
    expect(classifyNotifyError(error)).toEqual({
      action: 'retry',
      ambiguous: false,
      message: 'RateLimitError: Exceeded rate limit for key type LIVE of 3000 requests per 60 seconds',
    });
  });

  it('holds the daily limit until tomorrow', () => {
    const error = notifyError(429, 'TooManyRequestsError', 'Exceeded send limits (sms: 250000) for today');
    expect(classifyNotifyError(error)).toEqual({
      action: 'hold-until-tomorrow',
      message: 'TooManyRequestsError: Exceeded send limits (sms: 250000) for today',
    });
  });

  it.each([
    ['a 500', notifyError(500, 'Exception', 'Internal server error'), 'Exception: Internal server error'],
    ['a 504 EventletTimeout', notifyError(504, 'EventletTimeout', 'Timeout serving request'), 'EventletTimeout: Timeout serving request'],
    ['a JSON 503 with no errors list', answered(503, { status_code: 503 }), 'Error: HTTP 503'],
  ])('retries %s, checking by reference first (it may have been sent)', (_label, error, message) => {
    expect(classifyNotifyError(error)).toEqual({ action: 'retry', ambiguous: true, message });
  });

  it('retries a proxy’s HTML 502 (data is a string)', () => {
    const error = answered(502, '<html><head><title>502 Bad Gateway</title></head></html>');
    expect(classifyNotifyError(error)).toEqual({ action: 'retry', ambiguous: true, message: 'Notify answered 502 without JSON' });
  });

  it('retries a proxy’s HTML 429 without a lookup', () => {
    expect(classifyNotifyError(answered(429, '<html>429 Too Many Requests</html>'))).toEqual({
      action: 'retry',
      ambiguous: false,
      message: 'Notify answered 429 without JSON',
    });
  });

  it.each([
    ['a connection reset', new AxiosError('socket hang up', 'ECONNRESET', requestConfig, {})],
    ['a refused connection', new AxiosError('connect ECONNREFUSED 127.0.0.1:4010', 'ECONNREFUSED', requestConfig, {})],
    ['a timeout', new AxiosError('timeout of 500ms exceeded', AxiosError.ECONNABORTED, requestConfig, {})],
  ])('retries %s (no response at all), checking by reference first', (_label, error) => {
    expect(error.response).toBeUndefined();
    const result = classifyNotifyError(error);
    expect(result).toMatchObject({ action: 'retry', ambiguous: true });
    expect(result.message).toContain(error.message);
  });

  it('treats anything that is not an axios error as an ambiguous, retryable failure', () => {
    expect(classifyNotifyError(new Error('boom'))).toEqual({ action: 'retry', ambiguous: true, message: 'No answer from Notify (boom)' });
    expect(classifyNotifyError('odd')).toMatchObject({ action: 'retry', ambiguous: true });
  });
});

describe('nextUtcMidnight', () => {
  it.each([
    ['2026-05-17T15:58:38Z', '2026-05-18T00:00:05.000Z'],
    ['2026-05-17T23:59:59.999Z', '2026-05-18T00:00:05.000Z'],
    ['2026-05-18T00:00:00Z', '2026-05-19T00:00:05.000Z'],
    ['2026-12-31T12:00:00Z', '2027-01-01T00:00:05.000Z'],
    ['2028-02-28T22:00:00Z', '2028-02-29T00:00:05.000Z'],
  ])('after %s is %s', (now, expected) => {
    expect(nextUtcMidnight(new Date(now)).toISOString()).toBe(expected);
  });
});
