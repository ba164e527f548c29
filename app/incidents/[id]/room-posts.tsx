'use client';
import { TlpTag } from '@/app/_components/tlp-banner';
import { DateTime } from '@/app/_components/date-time';
import { RevealAuthor } from './reveal-author';
import { useRoom } from './room-live';

/** The room's discussion, oldest first; new posts arrive live. Bodies were sanitised when written. */
export function RoomPosts({ roomId, canReveal = false }: { roomId?: string; canReveal?: boolean }) {
  const { posts } = useRoom();
  return (
    <div data-testid="room-posts" className="wr-room-posts" aria-live="polite" aria-relevant="additions">
      {posts.length === 0 ? <p className="wr-room-posts__empty">No messages yet.</p> : null}
      {posts.map((post) => (
        <article key={post.id} data-post-id={post.id} className={`wr-room-post${post.kind === 'status_update' ? ' wr-room-post--update' : ''}`} aria-labelledby={`post-${post.id}-meta`}>
          <header className="wr-room-post__meta" id={`post-${post.id}-meta`}>
            <TlpTag tlp={post.tlp} />{' '}
            {post.kind === 'status_update' ? <strong className="nhsuk-tag nhsuk-tag--purple">Status update</strong> : null}{' '}
            <strong className="wr-room-post__author">
              {post.anonymous ? `Posted anonymously by ${post.authorName}` : post.authorName}
              {post.anonymous && post.mine ? ' (you)' : ''}
            </strong>
            {post.anonymous && canReveal && roomId ? <RevealAuthor roomId={roomId} postId={post.id} /> : null}
            <span className="nhsuk-u-visually-hidden">, </span> <DateTime value={post.createdAt} />
          </header>
          <div className="wr-room-post__body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        </article>
      ))}
    </div>
  );
}
