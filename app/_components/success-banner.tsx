import type { ReactNode } from 'react';

/** NHS success notification banner, announced as an alert: "Success", a heading line and optional detail. Server-safe. */
export function SuccessBanner({ titleId, testId, heading, children }: { titleId: string; testId: string; heading: ReactNode; children?: ReactNode }) {
  return (
    <div className="nhsuk-notification-banner nhsuk-notification-banner--success" role="alert" aria-labelledby={titleId} data-testid={testId}>
      <div className="nhsuk-notification-banner__header">
        <h2 className="nhsuk-notification-banner__title" id={titleId}>
          Success
        </h2>
      </div>
      <div className="nhsuk-notification-banner__content">
        <p className="nhsuk-notification-banner__heading">{heading}</p>
        {children}
      </div>
    </div>
  );
}
