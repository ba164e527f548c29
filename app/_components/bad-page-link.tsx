/** Said when a page's cursor link did not parse (edited or out of date) and the first page is shown instead. */
export function BadPageLink({ showing }: { showing: string }) {
  return (
    <div className="nhsuk-inset-text">
      <span className="nhsuk-u-visually-hidden">Information: </span>
      <p>That page link was not valid, so these are {showing}.</p>
    </div>
  );
}
