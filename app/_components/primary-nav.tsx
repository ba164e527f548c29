'use client';
import { usePathname } from 'next/navigation';

export type NavItem = { href: string; text: string; match: string[] };

function isCurrent(pathname: string, item: NavItem) {
  return item.match.some((prefix) => (prefix === '/' ? pathname === '/' : pathname === prefix || pathname.startsWith(`${prefix}/`)));
}

/** The header's primary navigation; marks the section you are in with aria-current. */
export function PrimaryNav({ items }: { items: NavItem[] }) {
  const pathname = usePathname() ?? '';
  return (
    <nav className="nhsuk-header__navigation" aria-label="Main menu">
      <div className="nhsuk-header__navigation-container nhsuk-width-container">
        <ul className="nhsuk-header__navigation-list">
          {items.map((item) => {
            const current = isCurrent(pathname, item);
            const exact = pathname === item.href;
            return (
              <li key={item.href} className={`nhsuk-header__navigation-item${current ? ' nhsuk-header__navigation-item--current' : ''}`}>
                <a className="nhsuk-header__navigation-link" href={item.href} aria-current={current ? (exact ? 'page' : 'true') : undefined}>
                  {current ? <strong className="nhsuk-header__navigation-item-current-fallback">{item.text}</strong> : item.text}
                </a>
              </li>
            );
          })}
        </ul>
      </div>
    </nav>
  );
}
