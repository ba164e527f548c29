import type { Metadata } from 'next';
import { DateTime } from '@/app/_components/date-time';
import { orNotFound } from '@/app/_components/load-or-not-found';
import { TlpBanner } from '@/app/_components/tlp-banner';
import { getPublicBulletin } from '@/lib/incidents/bulletins';
import { SeverityTag, StatusTag } from '@/app/incidents/_components/labels';
import { SummaryRow } from '@/app/_components/summary-row';

// Public and opened from a text message: server-rendered, no sign-in, no client components.
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ reference: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { reference } = await params;
  return { title: `Public bulletin ${/^INC-\d{4}-\d{4,}$/.test(reference) ? reference : ''}`.trim() };
}

export default async function PublicBulletinPage({ params }: Props) {
  const { reference } = await params;
  const bulletin = await orNotFound(() => getPublicBulletin(reference));
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <TlpBanner tlp="CLEAR" />
      <div className="nhsuk-grid-row">
        <div className="nhsuk-grid-column-two-thirds">
          <span className="nhsuk-caption-l">
            Public bulletin <span className="wr-nowrap">{bulletin.reference}</span>
          </span>
          <h1>{bulletin.headline}</h1>
          <p className="nhsuk-body-s">
            Last updated <DateTime value={bulletin.updatedAt} />
          </p>
          <dl className="nhsuk-summary-list">
            <SummaryRow label="Severity"><SeverityTag severity={bulletin.severity} /></SummaryRow>
            <SummaryRow label="Status"><StatusTag status={bulletin.status} /></SummaryRow>
          </dl>

          <h2>All updates, newest first</h2>
          <ol className="nhsuk-list wr-bulletin-versions" reversed>
            {bulletin.versions.map((v) => (
              <li key={v.version} className="wr-bulletin-version">
                <h3 className="nhsuk-heading-s nhsuk-u-margin-bottom-1">
                  Update {v.version}: {v.headline}
                </h3>
                <p className="nhsuk-body-s nhsuk-u-secondary-text-colour nhsuk-u-margin-bottom-2">
                  Published <DateTime value={v.publishedAt} />
                </p>
                {v.bodyHtml ? <div className="wr-bulletin-body" dangerouslySetInnerHTML={{ __html: v.bodyHtml }} /> : null}
              </li>
            ))}
          </ol>

          <div className="nhsuk-inset-text">
            <span className="nhsuk-u-visually-hidden">Information: </span>
            <p>
              This bulletin is public (TLP:CLEAR). If you work for an affected organisation, follow your local incident procedures and contact
              your security team. Members can sign in to Watchroom for restricted details.
            </p>
          </div>
        </div>
      </div>
    </main>
  );
}
