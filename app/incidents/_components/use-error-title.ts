'use client';
import { useEffect } from 'react';

/** NHS pattern: while a form shows errors, the page title starts "Error: " so screen readers hear it first. */
export function useErrorTitle(hasErrors: boolean) {
  useEffect(() => {
    const title = document.title.replace(/^Error: /, '');
    document.title = hasErrors ? `Error: ${title}` : title;
  }, [hasErrors]);
}
