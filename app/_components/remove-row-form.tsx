/**
 * A table row's "Remove" button: posts one hidden field naming the row to a server action. The button's
 * accessible name ends with what it removes. Server-safe.
 */
export function RemoveRowForm({ action, field, value, what }: { action: (form: FormData) => Promise<void>; field: string; value: string; what: string }) {
  return (
    <form action={action}>
      <input type="hidden" name={field} value={value} />
      <button className="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0" type="submit">
        Remove<span className="nhsuk-u-visually-hidden"> {what}</span>
      </button>
    </form>
  );
}
