import axios from 'axios';

/**
 * What to do after Notify refused or failed a request (notify-api.md):
 * - retry: RateLimitError, 5xx, non-JSON bodies (a proxy's 502), connection errors and timeouts;
 * - hold-until-tomorrow: the daily limit (TooManyRequestsError);
 * - fail: every other 4xx, with Notify's own message.
 * `ambiguous` means Notify may have accepted the text: look it up by reference before sending again.
 */
export type NotifyFailure =
  | { action: 'retry'; ambiguous: boolean; message: string }
  | { action: 'hold-until-tomorrow'; message: string }
  | { action: 'fail'; message: string };

type NotifyErrorBody = { status_code?: number; errors?: { error?: string; message?: string }[] };

export function classifyNotifyError(error: unknown): NotifyFailure {
  if (!axios.isAxiosError(error) || !error.response) {
    const message = error instanceof Error ? error.message : String(error);
    return { action: 'retry', ambiguous: true, message: `No answer from Notify (${message})` };
  }
  const { status, data } = error.response;
  if (typeof data !== 'object' || data === null) {
    return { action: 'retry', ambiguous: status >= 500, message: `Notify answered ${status} without JSON` };
  }
  const first = (data as NotifyErrorBody).errors?.[0];
  const message = `${first?.error ?? 'Error'}: ${first?.message ?? `HTTP ${status}`}`;
  if (status === 429 && first?.error === 'TooManyRequestsError') return { action: 'hold-until-tomorrow', message };
  if (status === 429) return { action: 'retry', ambiguous: false, message };
  if (status >= 500) return { action: 'retry', ambiguous: true, message };
  return { action: 'fail', message };
}

export function nextUtcMidnight(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 0, 0, 5));
}
