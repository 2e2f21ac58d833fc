package io.fenz.content.app;

import io.fenz.content.domain.Video;
import io.fenz.content.port.RecentlyListed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * {@link Videos#visibleTo} remembering listed videos for a few seconds ({@link RecentlyListed}), so
 * the hottest write (counting a view) costs no query. The price: for up to that long after an
 * unpublish, hide, tier change or delete, views may still be counted (a deleted video's are dropped
 * by the flush). Unlisted videos are never remembered, so publishing takes effect at once.
 */
@Singleton
public final class RecentVideos {
  private final Videos videos;
  private final RecentlyListed recent;

  @Inject
  public RecentVideos(Videos videos, RecentlyListed recent) {
    this.videos = videos;
    this.recent = recent;
  }

  public Video visibleTo(long videoId, Long userId) {
    return recent
        .find(videoId)
        .orElseGet(
            () -> {
              Video video = videos.visibleTo(videoId, userId);
              if (video.isListed()) {
                recent.remember(video);
              }
              return video;
            });
  }
}
