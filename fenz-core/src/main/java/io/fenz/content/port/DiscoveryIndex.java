package io.fenz.content.port;

import java.util.Collection;

/**
 * Keeps discovery's copies of content (the recommendation feed cache, the search index) in step with
 * content changes; implemented by discovery. Called after the change is committed. Best effort and never
 * throws: what can't be done now is queued for the worker or caught up later.
 */
public interface DiscoveryIndex {
  /** A video's state, tier, tags or owner visibility may have changed; {@code previousTagIds} are its tags before. */
  void videoChanged(long videoId, Collection<Long> previousTagIds);

  void videoDeleted(long videoId, Collection<Long> tagIds);

  void tagDeleted(long tagId);

  /** A user was hidden, restored or is about to go: all its videos are rechecked. */
  void ownerChanged(long userId);
}
