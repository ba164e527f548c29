import type { Metadata } from 'next';
import { cache } from 'react';
import { listChannels } from '@/lib/forum/channels';
import { isAppError } from '@/lib/errors';
import type { FormState } from '@/lib/http/action';
import { search, type SearchResult } from '@/lib/search';
import type { Tlp } from '@/lib/policy';
import { DateTime } from '../_components/date-time';
import { ErrorSummary, FieldError } from '../_components/error-summary';
import { InputField } from '../_components/form-field';
import { requireActor } from '../_components/require-actor';
import { TlpTag } from '../_components/tlp-banner';
import { FocusErrorSummary } from './focus-error-summary';

export const dynamic = 'force-dynamic';

type Raw = Record<string, string | string[] | undefined>;
type Props = { searchParams: Promise<Raw> };

const FIELDS = ['q', 'channel', 'author', 'from', 'to'] as const;
type Field = (typeof FIELDS)[number];
const LIMIT = 20;

function readQuery(raw: Raw): { values: Record<Field, string>; submitted: boolean } {
  const values = Object.fromEntries(FIELDS.map((f) => [f, String((Array.isArray(raw[f]) ? raw[f][0] : raw[f]) ?? '').trim()])) as Record<Field, string>;
  return { values, submitted: raw.q !== undefined };
}

type Outcome = { state?: FormState; results?: SearchResult[] };

/** "31/1/2026" (as people in the UK write dates) or "2026-01-31" → "2026-01-31"; null when it is not a real date. */
function isoDate(text: string): string | null {
  let y: number, m: number, d: number;
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (uk) [d, m, y] = [Number(uk[1]), Number(uk[2]), Number(uk[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 1900) return null;
  return date.toISOString().slice(0, 10);
}

/** One search per request, shared by the page and its title. */
const run = cache(async (key: string): Promise<Outcome> => {
  const actor = await requireActor('/search');
  const values = JSON.parse(key) as Record<Field, string>;
  const fields: Record<string, string[]> = {};
  const dates: Partial<Record<'from' | 'to', string>> = {};
  for (const f of ['from', 'to'] as const) {
    if (!values[f]) continue;
    const iso = isoDate(values[f]);
    if (iso) dates[f] = iso;
    else fields[f] = [`Enter a real date for ‘${f === 'from' ? 'Posted on or after' : 'Posted on or before'}’, for example 31/1/2026`];
  }
  if (dates.from && dates.to && dates.from > dates.to) fields.to = ['‘Posted on or before’ must be the same as or after ‘Posted on or after’'];
  if (values.q.length < 2) fields.q = [values.q ? 'Enter at least 2 characters to search for' : 'Enter what you want to search for'];
  const first = Object.values(fields)[0];
  if (first) {
    // In the order of the form, so the error summary lists them top to bottom.
    const ordered = Object.fromEntries(FIELDS.filter((f) => fields[f]).map((f) => [f, fields[f]]));
    return { state: { error: first[0], fields: ordered } };
  }
  try {
    const input = Object.fromEntries(Object.entries({ ...values, ...dates, limit: String(LIMIT) }).filter(([, v]) => v !== ''));
    const { results } = await search(actor, input);
    return { results };
  } catch (error) {
    if (isAppError(error) && error.code === 'invalid') return { state: { error: error.message, fields: error.fields ?? { q: [error.message] } } };
    throw error;
  }
});

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { values, submitted } = readQuery(await searchParams);
  if (!submitted) return { title: 'Search' };
  const { state } = await run(JSON.stringify(values)).catch(() => ({ state: undefined }) as Outcome);
  return { title: state ? 'Error: Search' : 'Search results' };
}

export default async function SearchPage({ searchParams }: Props) {
  const actor = await requireActor('/search');
  const { values, submitted } = readQuery(await searchParams);
  const [channels, outcome] = await Promise.all([listChannels(actor), submitted ? run(JSON.stringify(values)) : Promise.resolve<Outcome>({})]);
  const { state, results } = outcome;
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

      {results ? (
        <section aria-labelledby="results-heading" className="wr-search-results">
          <h2 id="results-heading" className="nhsuk-heading-m" data-testid="results-heading">
            {results.length === 0
              ? `No results for ‘${values.q}’`
              : `${results.length === LIMIT ? `The ${LIMIT} best matches` : results.length === 1 ? '1 result' : `${results.length} results`} for ‘${values.q}’`}
          </h2>
          {results.length === LIMIT ? <p className="nhsuk-body-s">Only the best {LIMIT} are shown. Add words or use the filters to narrow the search.</p> : null}
          {results.length === 0 ? (
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
            <ol className="nhsuk-list wr-results" data-testid="results">
              {results.map((r) => (
                <li key={`${r.kind}-${r.id}`} className="wr-result">
                  <h3 className="nhsuk-heading-s wr-result__title">
                    <a href={r.href}>{r.title}</a>
                  </h3>
                  <p className="nhsuk-body-s wr-result__meta">
                    {r.kind === 'room_post' ? (
                      <>
                        {r.tlp ? <TlpTag tlp={r.tlp as Tlp} /> : null} <span className="wr-room-ref">{r.reference}</span> incident room
                      </>
                    ) : (
                      <>in {r.channelName}</>
                    )}
                    {' · '}
                    {r.authorName}
                    {' · '}
                    <DateTime value={r.createdAt} />
                  </p>
                  {/* Escaped plain text from lib/search.ts with only its own <mark> added. */}
                  <p className="wr-result__snippet" dangerouslySetInnerHTML={{ __html: r.snippetHtml }} />
                </li>
              ))}
            </ol>
          )}
        </section>
      ) : null}
    </main>
  );
}
