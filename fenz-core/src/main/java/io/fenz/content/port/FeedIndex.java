package io.fenz.content.port;

import java.util.Collection;

/**
 * Keeps the recommendation feed in step with content changes (implemented by discovery).
 * Best effort and never throws: what can't be done now is queued for the worker.
 */
public interface FeedIndex {
  /** A video's state, tier, tags or owner visibility may have changed; {@code previousTagIds} are its tags before. */
  void videoChanged(long videoId, Collection<Long> previousTagIds);

  void videoDeleted(long videoId, Collection<Long> tagIds);

  void tagDeleted(long tagId);

  /** A user was hidden, restored or is about to go: all its videos are rechecked. */
  void ownerChanged(long userId);
}
