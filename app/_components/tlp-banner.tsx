import type { Tlp } from '@/lib/policy';

/** What each label allows, in Watchroom's words (TLP 2.0, FIRST). Also the help page's wording. */
export const tlpMeaning: Record<Tlp, string> = {
  CLEAR: 'Disclosure is not limited.',
  GREEN: 'Limited disclosure: share within the health and care security community, not publicly.',
  AMBER: 'Limited disclosure: members of this room and, on need-to-know, colleagues of their organisations.',
  'AMBER+STRICT': 'Limited disclosure: members of this room and, on need-to-know, colleagues of their own organisation only.',
  RED: 'For the named people in this room only. Do not share, forward or export.',
};

/** The TLP 2.0 label, shown on every restricted page, post, print and export. */
export function TlpBanner({ tlp }: { tlp: Tlp }) {
  return (
    <div className={`wr-tlp-banner wr-tlp--${tlp.replace('+', '-').toLowerCase()}`} role="note" aria-label={`Traffic Light Protocol: TLP:${tlp}`}>
      <strong className="wr-tlp-label">TLP:{tlp}</strong> <span>{tlpMeaning[tlp]}</span>
    </div>
  );
}

export function TlpTag({ tlp }: { tlp: Tlp }) {
  return <span className={`wr-tlp-tag wr-tlp--${tlp.replace('+', '-').toLowerCase()}`}>TLP:{tlp}</span>;
}
