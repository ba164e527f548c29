import { isAppError, type AppError } from '@/lib/errors';
import { logger } from '@/lib/logger';

/** What a server action hands back to its form: nothing on success (it redirects), or the errors to show. */
export type FormState = {
  error?: string;
  fields?: Record<string, string[]>;
  values?: Record<string, string>;
  ok?: boolean;
};

/**
 * Runs a use case from a server action and turns a coded error into form state. Next's redirect()
 * and notFound() throw special errors that must pass through, so only AppErrors are caught.
 */
export async function runAction(work: () => Promise<void>, values?: Record<string, string>): Promise<FormState> {
  try {
    await work();
    return { ok: true };
  } catch (error) {
    if (isAppError(error)) {
      const e = error as AppError;
      return { error: e.message, fields: e.fields, values };
    }
    if (isNextControlFlow(error)) throw error;
    logger.error({ err: error instanceof Error ? error.message : String(error) }, 'server action failed');
    return { error: 'Something went wrong. Nothing was changed.', values };
  }
}

function isNextControlFlow(error: unknown) {
  const digest = (error as { digest?: unknown })?.digest;
  return typeof digest === 'string' && (digest.startsWith('NEXT_REDIRECT') || digest.startsWith('NEXT_HTTP_ERROR_FALLBACK') || digest === 'NEXT_NOT_FOUND');
}

export function formValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === 'string' && !k.startsWith('$ACTION')) out[k] = v;
  return out;
}
