import pino from 'pino';
import { config } from './config';

/** Structured logs. Never log phone numbers (use maskPhone), tokens, or restricted text. */
export const logger = pino({
  level: config().LOG_LEVEL,
  redact: { paths: ['phone', '*.phone', 'password', '*.password', 'token', '*.token', 'authorization'], censor: '[redacted]' },
  base: undefined,
});
