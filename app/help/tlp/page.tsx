import type { Metadata } from 'next';
import { TLP_ORDER } from '@/lib/policy';
import { tlpMeaning, TlpTag } from '../../_components/tlp-banner';

export const metadata: Metadata = { title: 'What the TLP labels mean' };

/**
 * The Traffic Light Protocol (TLP 2.0) as Watchroom applies it, most open first. Open to everyone, signed in
 * or not: the labels are public knowledge, and someone handed a text or a printout needs to read them.
 */
export default function TlpHelpPage() {
  return (
    <main className="nhsuk-main-wrapper nhsuk-width-container" id="maincontent">
      <h1>What the TLP labels mean</h1>
      <p className="nhsuk-lede-text">
        Everything in an incident room carries a Traffic Light Protocol label (TLP 2.0). The label says who you may share it with. When in doubt,
        share less and ask the person who posted it.
      </p>
      <dl className="nhsuk-summary-list wr-tlp-help">
        {[...TLP_ORDER].map((tlp) => (
          <div className="nhsuk-summary-list__row" key={tlp}>
            <dt className="nhsuk-summary-list__key">
              <TlpTag tlp={tlp} />
            </dt>
            <dd className="nhsuk-summary-list__value">{tlpMeaning[tlp]}</dd>
          </div>
        ))}
      </dl>
      <h2>How Watchroom uses them</h2>
      <ul className="nhsuk-list nhsuk-list--bullet">
        <li>Public channels are for TLP:CLEAR and TLP:GREEN only. Post nothing restricted there.</li>
        <li>Each incident room has a highest label. A post can be labelled lower, never higher.</li>
        <li>TLP:RED rooms are for named people only: no organisations are invited, and nothing can be exported.</li>
        <li>Text messages and public bulletins never contain restricted text.</li>
      </ul>
    </main>
  );
}
