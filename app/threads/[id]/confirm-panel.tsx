'use client';
import { useEffect, useRef, type ReactNode } from 'react';

/**
 * An inline panel under a post (confirm a delete, give a reason to report or hide): it takes focus when it
 * opens (its text box if it has one, else itself), and Escape closes it like its Cancel button.
 */
export function ConfirmPanel({ labelId, onCancel, children }: { labelId: string; onCancel: () => void; children: ReactNode }) {
  const region = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const panel = region.current;
    (panel?.querySelector<HTMLTextAreaElement>('textarea') ?? panel)?.focus();
  }, []);
  return (
    <div
      ref={region}
      className="wr-confirm"
      role="group"
      aria-labelledby={labelId}
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      {children}
    </div>
  );
}
