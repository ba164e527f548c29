/** The header's search box: a plain GET form, so it works before (and without) JavaScript. */
export function HeaderSearch() {
  return (
    <search className="nhsuk-header__search">
      <form className="nhsuk-header__search-form" id="search" action="/search" method="get" noValidate>
        <div className="nhsuk-form-group">
          <label className="nhsuk-label nhsuk-u-visually-hidden" htmlFor="search-field">
            Search Watchroom
          </label>
          <div className="nhsuk-input-wrapper">
            <input className="nhsuk-input" id="search-field" name="q" type="search" autoComplete="off" placeholder="Search Watchroom" maxLength={200} />
            <button className="nhsuk-button nhsuk-button--icon nhsuk-button--small" type="submit" aria-label="Search">
              <svg className="nhsuk-icon nhsuk-icon--search" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" width="16" height="16" focusable="false" aria-hidden="true">
                <path d="m20.7 18.9-4.1-4.1a7 7 0 1 0-1.4 1.4l4 4.1a1 1 0 0 0 1.5 0c.4-.4.4-1 0-1.4ZM6 10.6a5 5 0 1 1 10 0 5 5 0 0 1-10 0Z" />
              </svg>
            </button>
          </div>
        </div>
      </form>
    </search>
  );
}
