export type ContentsPage = { href: string; text: string };

/** A side list of related pages (NHS contents list) that marks the one you are on. */
export function ContentsNav({ label, pages, current }: { label: string; pages: ContentsPage[]; current: string | null }) {
  return (
    <nav className="nhsuk-contents-list" aria-label={label}>
      <h2 className="nhsuk-u-visually-hidden">{label}</h2>
      <ol className="nhsuk-contents-list__list">
        {pages.map((p) =>
          p.href === current ? (
            <li key={p.href} className="nhsuk-contents-list__item" aria-current="page">
              <span className="nhsuk-contents-list__current">{p.text}</span>
            </li>
          ) : (
            <li key={p.href} className="nhsuk-contents-list__item">
              <a className="nhsuk-contents-list__link" href={p.href}>
                {p.text}
              </a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
