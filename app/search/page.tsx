import type { Metadata } from 'next';
import { cache } from 'react';
import { listChannels } from '@/lib/forum/channels';
import { isAppError } from '@/lib/errors';
import type { FormState } from '@/lib/http/action';
import { MAX_CANDIDATES, search, type SearchPage } from '@/lib/search';
import { ErrorSummary, FieldError } from '../_components/error-summary';
import { InputField } from '../_components/form-field';
import { requireActor } from '../_components/require-actor';
import { FocusErrorSummary } from './focus-error-summary';
import { toResultRows } from './result-rows';
import { ResultsList } from './results-list';
import { checkForm, readQuery, searchHref, type Field, type Raw, type SearchQuery } from './search-query';
import { BadPageLink } from '../_components/bad-page-link';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Raw> };

/** Results a page shows (the API allows up to 50). */
const LIMIT = 20;

/** `input`: the search as the API takes it (for the results' "More results" through GET /api/v1/search). */
type Outcome = { state?: FormState; page?: SearchPage; input?: Record<string, string>; badCursor?: boolean };

/** One search per request, shared by the page and its title. */
const run = cache(async (key: string): Promise<Outcome> => {
  const actor = await requireActor('/search');
  const { values, cursor } = JSON.parse(key) as Pick<SearchQuery, 'values' | 'cursor'>;
  const { fields, dates } = checkForm(values);
  const first = Object.values(fields)[0];
  if (first) return { state: { error: first[0], fields: fields as Record<string, string[]> } };
  const input = { ...apiInput(values, dates), limit: String(LIMIT) };
  try {
    return { page: await search(actor, { ...input, ...(cursor ? { cursor } : {}) }), input };
  } catch (error) {
    if (!isAppError(error) || error.code !== 'invalid') throw error;
    // A cursor that is not one this search handed out (an edited or out-of-date link): the first page instead.
    if (cursor && error.fields?.cursor) return { page: await search(actor, input), input, badCursor: true };
    return { state: { error: error.message, fields: error.fields ?? { q: [error.message] } } };
  }
});

/** The search as lib/search.ts and GET /api/v1/search take it: the filters in use, dates as ISO days. */
function apiInput(values: Record<Field, string>, dates: Partial<Record<'from' | 'to', string>>): Record<string, string> {
  return Object.fromEntries(Object.entries({ ...values, from: dates.from ?? '', to: dates.to ?? '' }).filter(([, v]) => v !== ''));
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { values, cursor, submitted } = readQuery(await searchParams);
  if (!submitted) return { title: 'Search' };
  const { state } = await run(JSON.stringify({ values, cursor })).catch(() => ({ state: undefined }) as Outcome);
  return { title: state ? 'Error: Search' : 'Search results' };
}

export default async function SearchPage({ searchParams }: Props) {
  const actor = await requireActor('/search');
  const { values, cursor, submitted } = readQuery(await searchParams);
  const [channels, outcome] = await Promise.all([listChannels(actor), submitted ? run(JSON.stringify({ values, cursor })) : Promise.resolve<Outcome>({})]);
  const { state, page, input, badCursor } = outcome;
  const results = page?.results;
  const later = Boolean(cursor && !badCursor);
  const err = (f: Field) => Boolean(state?.fields?.[f]);
  const filtered = Boolean(values.channel || values.author || values.from || values.to);

  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          {state ? <FocusErrorSummary /> : null}
          <ErrorSummary state={state} />
          <h1>{state ? 'Search' : results ? 'Search results' : 'Search'}</h1>
          <form action="/search" method="get" noValidate className="wr-search-form" aria-label="Search posts">
            <InputField
              state={state}
              name="q"
              label="Search for"
              boldLabel
              hint="Words from the posts you want. Use quotes for an exact phrase, and a minus sign to leave a word out, for example “VPN patch” -firewall."
              type="search"
              defaultValue={values.q}
              maxLength={200}
              spellCheck={false}
            />
            <details className="nhsuk-details wr-search-filters" open={filtered || Boolean(state?.fields && !state.fields.q)}>
              <summary className="nhsuk-details__summary">
                <span className="nhsuk-details__summary-text">Filters{filtered ? ' (in use)' : ''}</span>
              </summary>
              <div className="nhsuk-details__text">
                <div className={`nhsuk-form-group${err('channel') ? ' nhsuk-form-group--error' : ''}`}>
                  <label className="nhsuk-label" htmlFor="channel">
                    Channel
                  </label>
                  <FieldError state={state} field="channel" />
                  <select className="nhsuk-select" id="channel" name="channel" defaultValue={values.channel} aria-describedby={err('channel') ? 'channel-error' : undefined}>
                    <option value="">All channels and your incident rooms</option>
                    {channels.map((c) => (
                      <option key={c.id} value={c.slug}>
                        {c.name}
                      </option>
                    ))}
                  </select>
                </div>
                <InputField
                  state={state}
                  name="author"
                  label="Author"
                  hint="Their username or email address, for example @member or member@demo.watchroom.test"
                  controlClass="nhsuk-u-width-two-thirds"
                  type="text"
                  defaultValue={values.author}
                  autoComplete="off"
                  spellCheck={false}
                />
                <div className="wr-date-range">
                  {(['from', 'to'] as const).map((f) => (
                    <InputField
                      key={f}
                      state={state}
                      name={f}
                      label={f === 'from' ? 'Posted on or after' : 'Posted on or before'}
                      hint="For example, 31/1/2026"
                      controlClass="nhsuk-input--width-10"
                      type="text"
                      autoComplete="off"
                      defaultValue={values[f]}
                    />
                  ))}
                </div>
              </div>
            </details>
            <button className="nhsuk-button" type="submit">
              Search
            </button>
          </form>
        </div>
      </div>

      {page && results && input ? (
        <section aria-labelledby="results-heading" className="wr-search-results">
          {badCursor ? (
            <BadPageLink showing="the best matches" />
          ) : null}
          <h2 id="results-heading" className="nhsuk-heading-m" data-testid="results-heading">
            {results.length === 0
              ? `${later ? 'No more results' : 'No results'} for ‘${values.q}’`
              : later
                ? `More results for ‘${values.q}’`
                : page.nextCursor
                  ? `Best matches for ‘${values.q}’`
                  : `${results.length === 1 ? '1 result' : `${results.length} results`} for ‘${values.q}’`}
          </h2>
          {later ? (
            <p className="wr-older-note">
              You are looking at more results. <a href={searchHref(values)}>Go back to the best matches</a>
            </p>
          ) : null}
          {results.length === 0 && !later ? (
            <div className="wr-no-results" data-testid="no-results">
              <p>Try:</p>
              <ul>
                <li>checking the spelling</li>
                <li>fewer or more general words</li>
                {filtered ? <li>removing some filters</li> : null}
                <li>searching for an indicator (a domain, address or CVE number) exactly as it was written</li>
              </ul>
              <p>Search finds posts in public channels and in the incident rooms you are a member of.</p>
            </div>
          ) : (
            <ResultsList
              key={searchHref(values, later ? cursor : undefined)}
              initial={toResultRows(results)}
              initialNextCursor={page.nextCursor}
              initialCapped={page.capped}
              apiQuery={new URLSearchParams(input).toString()}
              pageHref={searchHref(values)}
              maxCandidates={MAX_CANDIDATES}
            />
          )}
        </section>
      ) : null}
    </main>
  );
}
