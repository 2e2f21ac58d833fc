package io.fenz.content.app;

import io.fenz.content.domain.Video;
import io.fenz.content.port.RecentlyListed;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.concurrent.CoalescedCalls;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Videos#visibleTo} remembering listed videos for a few seconds ({@link RecentlyListed}), so
 * the hottest write (counting a view) costs no query. The price: for up to that long after an
 * unpublish, hide, tier change or delete, views may still be counted (a deleted video's are dropped
 * by the flush). Unlisted videos are never remembered, so publishing takes effect at once. Views
 * spread over many videos mostly miss: concurrent misses are read in one query ({@link
 * CoalescedCalls}), so under load a view costs a share of a query, not one each.
 */
@Singleton
public final class RecentVideos {
  /** Ids per query: beyond a few dozen, concurrent views have long been answered. */
  static final int MAX_BATCH = 64;

  private final VideoRepository videos;
  private final RecentlyListed recent;
  private final CoalescedCalls<Long, Optional<Video>> reads =
      new CoalescedCalls<>(this::readAll, MAX_BATCH);

  @Inject
  public RecentVideos(VideoRepository videos, RecentlyListed recent) {
    this.videos = videos;
    this.recent = recent;
  }

  public Video visibleTo(long videoId, Long userId) {
    return recent
        .find(videoId)
        .orElseGet(
            () -> {
              Video video = Videos.visible(reads.call(videoId), userId);
              if (video.isListed()) {
                recent.remember(video);
              }
              return video;
            });
  }

  private List<Optional<Video>> readAll(List<Long> ids) {
    Map<Long, Video> found = new HashMap<>();
    videos.findByIds(ids).forEach(video -> found.put(video.id(), video));
    return ids.stream().map(id -> Optional.ofNullable(found.get(id))).toList();
  }
}
