import { setArchivedAction } from './actions';

/** Archive or restore one channel: a plain form (no JavaScript needed); the button names the channel. */
export function ArchiveButton({ slug, name, archived, className = '' }: { slug: string; name: string; archived: boolean; className?: string }) {
  return (
    <form action={setArchivedAction} className={`wr-inline-form ${className}`}>
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="archived" value={archived ? 'false' : 'true'} />
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit">
        {archived ? 'Restore' : 'Archive'}
        <span className="nhsuk-u-visually-hidden"> {name}</span>
      </button>
    </form>
  );
}
