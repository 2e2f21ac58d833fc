package io.fenz.content.domain;

import java.time.Instant;
import java.util.List;

/**
 * A video as stored. {@code ownerId} is the user owning {@code channelId}; {@code ownerHidden}
 * hides it from others.
 */
public record Video(
    long id,
    long channelId,
    long ownerId,
    String channelName,
    boolean ownerHidden,
    Long categoryId,
    String title,
    String description,
    int durationSeconds,
    AccessTier accessTier,
    boolean published,
    String videoKey,
    String thumbnailKey,
    long viewsMember,
    long viewsNonMember,
    Instant publishedAt,
    Instant createdAt,
    Instant updatedAt,
    List<Long> tagIds)
    implements Watchable {

  @Override
  public boolean isOwnedBy(Long userId) {
    return userId != null && userId == ownerId;
  }

  /** Visible to people other than the owner: published, and the owner's account not hidden. */
  @Override
  public boolean isListed() {
    return published && !ownerHidden;
  }

  public long views() {
    return viewsMember + viewsNonMember;
  }
}
