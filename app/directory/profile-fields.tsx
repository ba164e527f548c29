import type { schema } from '@/db/client';

/** The profile fields a viewer may see (the rest come back null from lib/people and are simply not shown). */
export function ProfileFields({ person }: { person: { jobRole: string | null; bio: string | null; email: string | null; mobile: string | null } }) {
  const rows: [string, string | null][] = [
    ['Job role', person.jobRole],
    ['Email', person.email],
    ['Mobile', person.mobile],
    ['About', person.bio],
  ];
  const shown = rows.filter(([, v]) => v);
  if (!shown.length) return null;
  return (
    <ul className="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-0">
      {shown.map(([label, value]) => (
        <li key={label} className="nhsuk-u-margin-bottom-1">
          <span className="nhsuk-u-visually-hidden">{label}: </span>
          {label === 'Email' ? <a href={`mailto:${value}`}>{value}</a> : label === 'Mobile' ? <a href={`tel:${value}`}>{value}</a> : value}
        </li>
      ))}
    </ul>
  );
}

export function DirectoryTabs({ current }: { current: 'people' | 'organisations' }) {
  const tab = (key: 'people' | 'organisations', text: string) => (
    <li>
      <a href={`/directory/${key}`} aria-current={current === key ? 'page' : undefined}>
        {current === key ? <strong>{text}</strong> : text}
      </a>
    </li>
  );
  return (
    <nav aria-label="Directory">
      <ul className="nhsuk-list">
        {tab('people', 'People')}
        {tab('organisations', 'Organisations')}
      </ul>
    </nav>
  );
}

export const typeLabel: Record<(typeof schema.organisationType.enumValues)[number], string> = {
  acute_trust: 'Acute trust',
  ambulance_trust: 'Ambulance trust',
  mental_health_trust: 'Mental health trust',
  icb: 'Integrated care board',
  csu: 'Commissioning support unit',
  other: 'Other',
};
