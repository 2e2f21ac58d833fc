package io.fenz.monetization.port;

import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What monetization needs from the content context: videos people tip, and creators' view figures.
 */
public interface CreatorContent {
  record VideoRef(long id, long channelId, long ownerId, String title) {}

  record VideoStats(
      long id,
      String title,
      boolean published,
      int accessTier,
      Instant publishedAt,
      Instant createdAt,
      long viewsMember,
      long viewsNonMember) {}

  record DailyViews(LocalDate day, long member, long nonMember) {}

  /** The video if this user may see it; 404 {@code video_not_found} otherwise. */
  VideoRef visibleVideo(long videoId, long userId);

  /** The channel's videos, unpublished ones included, newest first. */
  Page<VideoStats> videosOf(long channelId, PageRequest page);

  /**
   * Member and non-member views per UTC day of the channel's videos; days without views are absent.
   */
  List<DailyViews> dailyViews(long channelId, LocalDate from, LocalDate to);
}
