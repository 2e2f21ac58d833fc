package io.fenz.content.domain;

/** A listed video's visibility facts: all that deciding whether a view counts needs. */
public record ListedVideo(long id, long channelId, long ownerId, AccessTier accessTier)
    implements Watchable {

  @Override
  public boolean isListed() {
    return true;
  }

  @Override
  public boolean isOwnedBy(Long userId) {
    return userId != null && userId == ownerId;
  }
}
