'use client';
import { useEffect } from 'react';

/** After a search with problems, move focus to the NHS error summary (as a form submission would). */
export function FocusErrorSummary() {
  useEffect(() => {
    document.querySelector<HTMLElement>('.nhsuk-error-summary')?.focus();
  }, []);
  return null;
}
