import { ContentsNav } from '../../_components/contents-nav';

/** The moderation pages, as a side list. */
const pages = [
  { href: '/admin/reports', text: 'Reported posts' },
  { href: '/admin/moderation', text: 'Silence or suspend members' },
  { href: '/admin/staff-log', text: 'Staff action log' },
];

export function ModerationNav({ current }: { current: string }) {
  return <ContentsNav label="Moderation pages" pages={pages} current={current} />;
}
