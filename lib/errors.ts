/** Coded errors that use cases throw; route handlers and server actions map them to HTTP. */
export type ErrorCode = 'unauthenticated' | 'forbidden' | 'not_found' | 'invalid' | 'conflict' | 'rate_limited';

const statusByCode: Record<ErrorCode, number> = {
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  invalid: 400,
  conflict: 409,
  rate_limited: 429,
};

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'AppError';
  }
  get status() {
    return statusByCode[this.code];
  }
}

export const Unauthenticated = () => new AppError('unauthenticated', 'Sign in to continue.');
export const Forbidden = (message = 'You do not have permission to do that.') => new AppError('forbidden', message);
/** Deliberately generic: a missing thing and a thing you may not see look the same. */
export const NotFound = () => new AppError('not_found', 'Not found.');
export const Invalid = (message: string, fields?: Record<string, string[]>) => new AppError('invalid', message, fields);
export const Conflict = (message: string) => new AppError('conflict', message);
export const RateLimited = (message = 'Too many requests. Try again shortly.') => new AppError('rate_limited', message);

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'AppError');
}
