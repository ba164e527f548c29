'use client';

/** Anything unexpected: a plain apology, no details (they are in the server log). */
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h1>Sorry, there is a problem with the service</h1>
          <p>Nothing you were doing has been changed. Try again in a moment.</p>
          <button type="button" className="nhsuk-button nhsuk-button--secondary" onClick={() => reset()}>
            Try again
          </button>
          <p>
            <a href="/">Go to the Watchroom home page</a>
          </p>
        </div>
      </div>
    </main>
  );
}
