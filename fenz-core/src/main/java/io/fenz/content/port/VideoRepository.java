package io.fenz.content.port;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.Video;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface VideoRepository {
  record NewVideo(
      long channelId,
      Long categoryId,
      String title,
      String description,
      int durationSeconds,
      AccessTier accessTier,
      String videoKey,
      String thumbnailKey,
      List<Long> tagIds) {}

  record Edit(
      Long categoryId,
      String title,
      String description,
      AccessTier accessTier,
      String thumbnailKey,
      List<Long> tagIds) {}

  long insert(NewVideo video, Instant now);

  Optional<Video> findById(long id);

  /** The videos that exist among {@code ids}, in any state and in no particular order. */
  List<Video> findByIds(Collection<Long> ids);

  /**
   * Those of {@code ids} that are listed now (published, owner not hidden): a primary-key check, no
   * row data.
   */
  Set<Long> listedAmong(Collection<Long> ids);

  void update(long id, Edit edit, Instant now);

  /**
   * Whether the video is published now, its row locked until the transaction ends (false when it is
   * gone).
   */
  boolean lockPublished(long id);

  void setPublished(long id, boolean published, Instant publishedAt, Instant now);

  boolean delete(long id);

  /** A channel's videos, newest first; unlisted ones only when {@code includeUnpublished}. */
  Page<Video> listByChannel(long channelId, boolean includeUnpublished, PageRequest page);

  /** Every video of the user's channel, in any state (for account and channel deletion). */
  List<Video> allOfOwner(long userId);

  void setThumbnail(long id, String thumbnailKey);

  /** Videos still lacking a thumbnail, with fewer than {@code maxAttempts} media attempts. */
  List<Video> needingThumbnail(int maxAttempts, int limit);

  void countMediaAttempt(long id);
}
