import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Page not found' };

/** The same page for a thing that does not exist and a thing you may not see: it says nothing about which. */
export default function NotFound() {
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Page not found</h1>
          <p>If you typed the web address, check it is correct.</p>
          <p>If you pasted the web address, check you copied the entire address.</p>
          <p>If you followed a link to an incident room, you may need to be invited to it. Ask the person who sent you the link.</p>
          <p>
            <a href="/">Go to the Watchroom home page</a>
          </p>
        </div>
      </div>
    </main>
  );
}
