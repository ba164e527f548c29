import type { ReactNode } from 'react';
import { AccountNav } from './account-nav';

/** The frame of a page about your own account: its heading, the account contents list, then the page (two-thirds wide). */
export function AccountPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>{title}</h1>
          <AccountNav />
          {children}
        </div>
      </div>
    </main>
  );
}
