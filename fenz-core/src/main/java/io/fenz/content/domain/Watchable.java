package io.fenz.content.domain;

/**
 * What the access rule needs of a video: a full {@link Video}, or a {@link ListedVideo} from the
 * in-process directory that counting a view reads.
 */
public interface Watchable {
  long id();

  long channelId();

  AccessTier accessTier();

  /** Visible to people other than the owner. */
  boolean isListed();

  boolean isOwnedBy(Long userId);
}
