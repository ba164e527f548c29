export type Crumb = { href: string; text: string };

/** NHS breadcrumb: the trail on wider screens, a back link to the last crumb on narrow ones. */
export function Breadcrumb({ items }: { items: Crumb[] }) {
  const last = items[items.length - 1];
  return (
    <nav className="nhsuk-breadcrumb" aria-label="Breadcrumb">
      <ol className="nhsuk-breadcrumb__list">
        {items.map((item) => (
          <li key={item.href} className="nhsuk-breadcrumb__list-item">
            <a className="nhsuk-breadcrumb__link" href={item.href}>
              {item.text}
            </a>
          </li>
        ))}
      </ol>
      {last ? (
        <a className="nhsuk-back-link" href={last.href}>
          <span className="nhsuk-u-visually-hidden">Back to </span>
          {last.text}
        </a>
      ) : null}
    </nav>
  );
}
