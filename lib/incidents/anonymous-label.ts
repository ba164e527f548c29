import type { schema } from '@/db/client';

type OrganisationType = (typeof schema.organisationType.enumValues)[number];

const typePhrase: Record<OrganisationType, string> = {
  acute_trust: 'an acute trust',
  ambulance_trust: 'an ambulance trust',
  mental_health_trust: 'a mental health trust',
  icb: 'an integrated care board',
  csu: 'a commissioning support unit',
  other: 'an organisation',
};

/** How an anonymous post is signed: "an acute trust in North East and Yorkshire". */
export function anonymousAuthorLabel(type: OrganisationType, region: string): string {
  const phrase = typePhrase[type] ?? typePhrase.other;
  return region.trim() ? `${phrase} in ${region.trim()}` : phrase;
}
