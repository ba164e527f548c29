import { AppError } from '@/lib/errors';

/**
 * The largest request body the API reads, on every route (lib/http/api.ts `readJson`) and on the routes the
 * HTTP server answers itself (lib/http/direct-routes.ts). The largest legitimate body, a 50,000-character
 * post, is far smaller. Kept free of Next imports: server.ts loads direct-routes.ts before Next is prepared.
 */
export const MAX_BODY_BYTES = 1024 * 1024;

/** The usual `invalid` error, answered with 413 Payload Too Large rather than 400. */
class BodyTooLargeError extends AppError {
  override get status() {
    return 413;
  }
}

/** A body past MAX_BODY_BYTES: `413 { "error": { "code": "invalid", "message" } }`; nothing is written. */
export const BodyTooLarge = () => new BodyTooLargeError('invalid', `The request body is too large (the limit is ${MAX_BODY_BYTES / (1024 * 1024)} MiB).`);
