import { notFound } from 'next/navigation';
import { isAppError } from '@/lib/errors';

/** Runs a read use case for a page; its NotFound (a missing thing or one you may not see) becomes the 404 page. */
export async function orNotFound<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (isAppError(error) && error.code === 'not_found') notFound();
    throw error;
  }
}
