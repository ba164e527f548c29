'use client';
import { useEffect, useRef } from 'react';

/**
 * Moves focus to the NHS error summary inside the returned container whenever `trigger` changes to
 * a truthy value, so screen reader and keyboard users land on the list of problems.
 */
export function useErrorSummaryFocus<T extends HTMLElement = HTMLDivElement>(trigger: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (!trigger) return;
    ref.current?.querySelector<HTMLElement>('.nhsuk-error-summary')?.focus();
  }, [trigger]);
  return ref;
}
