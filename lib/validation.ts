import { z } from 'zod';
import { Invalid } from './errors';

/** Parses untrusted input; a failure becomes a 400 naming each bad field, before anything is written. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '_';
    (fields[key] ??= []).push(issue.message);
  }
  const first = result.error.issues[0];
  const where = first?.path.length ? `${first.path.join('.')}: ` : '';
  throw Invalid(`${where}${first?.message ?? 'Invalid input'}`, fields);
}

export const uuidParam = z.uuid({ message: 'Not a valid id' });

/** Post bodies: Markdown, trimmed, never blank, at most 50,000 characters. */
export const postBody = z
  .string({ message: 'Enter a message' })
  .max(50_000, { message: 'Message must be 50,000 characters or fewer' })
  .refine((s) => s.trim().length > 0, { message: 'Enter a message' });
