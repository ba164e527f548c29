'use client';
import { useState } from 'react';
import { apiFetch } from '@/app/_components/api-fetch';

/** For moderators and admins in the room: shows who wrote an anonymous post. The server audits each reveal. */
export function RevealAuthor({ roomId, postId }: { roomId: string; postId: string }) {
  const [revealed, setRevealed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (revealed) return <span className="wr-revealed-author">({revealed})</span>;
  return (
    <>
      <button
        type="button"
        className="nhsuk-link wr-link-button"
        onClick={async () => {
          const res = await apiFetch(`/api/v1/incidents/${encodeURIComponent(roomId)}/posts/${encodeURIComponent(postId)}/reveal`, {
            method: 'POST',
            headers: { Accept: 'application/json' },
          });
          if (!res.ok) {
            setError('Could not reveal the author.');
            return;
          }
          const body = (await res.json()) as { authorName: string; organisationName: string };
          setRevealed(`${body.authorName}, ${body.organisationName}`);
        }}
      >
        Reveal author<span className="nhsuk-u-visually-hidden"> (recorded in the audit log)</span>
      </button>
      {error ? <span className="nhsuk-error-message">{error}</span> : null}
    </>
  );
}
