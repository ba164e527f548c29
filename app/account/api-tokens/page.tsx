import type { Metadata } from 'next';
import { listApiTokens } from '@/lib/api-tokens/list-api-tokens';
import { DateTime } from '../../_components/date-time';
import { DataTable } from '../../_components/data-table';
import { requireActor } from '../../_components/require-actor';
import { revokeTokenAction } from './actions';
import { CreateTokenForm } from './create-token-form';
import './api-tokens.css';
import { AccountNav } from '../account-nav';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API tokens', robots: { index: false, follow: false } };

type Search = { searchParams: Promise<{ done?: string }> };

const stateTag = {
  active: <strong className="nhsuk-tag nhsuk-tag--green">Active</strong>,
  expired: <strong className="nhsuk-tag nhsuk-tag--grey">Expired</strong>,
  revoked: <strong className="nhsuk-tag nhsuk-tag--red">Revoked</strong>,
};

/** Personal API tokens: create (shown once), see when each was last used, revoke. */
export default async function ApiTokensPage({ searchParams }: Search) {
  const actor = await requireActor('/account/api-tokens');
  const [{ tokens }, search] = await Promise.all([listApiTokens(actor), searchParams]);
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      {search.done === 'revoked' ? (
        <div className="nhsuk-inset-text" role="status" data-testid="tokens-done">
          <p>The token is revoked. It stops working at once.</p>
        </div>
      ) : null}
      <h1>API tokens</h1>
      <AccountNav />
      <p>
        A personal API token lets a script or integration use the <a href="/api/v1/openapi.json">Watchroom API</a> as you, with an{' '}
        <code>Authorization: Bearer</code> header. It works only on the API — not for signing in to pages — and stops working when it expires, when you revoke it,
        or if your account is suspended. Tokens cannot create other tokens.
      </p>
      <DataTable
        caption="Your tokens"
        captionVisible
        testId="token-table"
        scroll="plain"
        columns={['Name', 'Starts with', 'Access', 'Expires', 'Last used', { label: 'State and actions', visuallyHidden: true }]}
        rows={tokens}
        empty="You have no API tokens."
        row={(t) => (
          <tr className="nhsuk-table__row" key={t.id} data-testid="token-row">
            <td className="nhsuk-table__cell">{t.name}</td>
            <td className="nhsuk-table__cell">
              <code>{t.prefix}…</code>
            </td>
            <td className="nhsuk-table__cell">{t.scope === 'read' ? 'Read only' : 'Read and write'}</td>
            <td className="nhsuk-table__cell">
              <DateTime value={t.expiresAt} />
            </td>
            <td className="nhsuk-table__cell">{t.lastUsedAt ? <DateTime value={t.lastUsedAt} /> : 'Never'}</td>
            <td className="nhsuk-table__cell">
              {t.state === 'active' ? (
                <form action={revokeTokenAction.bind(null, t.id)}>
                  <button className="nhsuk-button nhsuk-button--warning nhsuk-button--small nhsuk-u-margin-bottom-0" type="submit">
                    Revoke<span className="nhsuk-u-visually-hidden"> the token {t.name}</span>
                  </button>
                </form>
              ) : (
                stateTag[t.state]
              )}
            </td>
          </tr>
        )}
      />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <h2>Create a token</h2>
          <CreateTokenForm />
        </div>
      </div>
    </main>
  );
}
