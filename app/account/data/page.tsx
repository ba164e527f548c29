import type { Metadata } from 'next';
import { requireActor } from '../../_components/require-actor';
import { AccountPage } from '../account-page';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Download your data', robots: { index: false, follow: false } };

export default async function MyDataPage() {
  await requireActor('/account/data');
  return (
    <AccountPage title="Download your data">
      <p>You can download a copy of the information Watchroom holds about you, as a JSON file. It includes:</p>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>your profile</li>
        <li>your posts in public channels</li>
        <li>your posts in incident rooms you are still a member of</li>
        <li>your notifications and the texts we sent you</li>
        <li>where and when you signed in</li>
        <li>the record of changes to your account</li>
      </ul>
      <div className="nhsuk-inset-text">
        <span className="nhsuk-u-visually-hidden">Information: </span>
        <p>
          Incident-room posts stay in their room: posts in rooms you have left, and anything marked TLP:RED, are not included. The file
          says how many were left out. Each included post keeps its TLP label: share it no further than the label allows.
        </p>
      </div>
      <a className="nhsuk-button" href="/account/data/download" download data-testid="download-my-data">
        Download your data (JSON)
      </a>
      <p>
        To close your account, see <a href="/account/close">close your account</a>.
      </p>
    </AccountPage>
  );
}
