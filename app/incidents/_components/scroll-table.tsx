import type { ReactNode } from 'react';

/**
 * A table that scrolls sideways on a narrow screen, inside a region named by its caption. The region
 * takes focus so keyboard users can scroll it too.
 */
export function ScrollTable({ captionId, children }: { captionId: string; children: ReactNode }) {
  return (
    <div className="wr-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      {children}
    </div>
  );
}
