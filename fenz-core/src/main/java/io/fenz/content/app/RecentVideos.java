package io.fenz.content.app;

import io.fenz.content.domain.ListedVideo;
import io.fenz.content.domain.Video;
import io.fenz.content.domain.Watchable;
import io.fenz.content.port.RecentlyListed;
import io.fenz.content.port.VideoDirectory;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.concurrent.CoalescedCalls;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Videos#visibleTo} for the hottest write (counting a view), costing no query for a listed
 * video: first the {@link VideoDirectory} of every listed video (following MySQL within about a
 * second), then listed videos remembered for a few seconds ({@link RecentlyListed}), then MySQL,
 * where concurrent misses are read in one query ({@link CoalescedCalls}). The price: for up to a
 * second after an unpublish, hide or tier change (up to five seconds for a video the directory
 * lacks), views may still be counted as before; a deleted video's are dropped by the flush. A video
 * the directory lacks (not listed, published since its last catch-up, or the directory not loaded)
 * is read, so publishing takes effect at once and nothing depends on the directory being warm.
 */
@Singleton
public final class RecentVideos {
  /** Ids per query: beyond a few dozen, concurrent views have long been answered. */
  static final int MAX_BATCH = 64;

  private final VideoRepository videos;
  private final VideoDirectory directory;
  private final RecentlyListed recent;
  private final CoalescedCalls<Long, Optional<Video>> reads =
      new CoalescedCalls<>(this::readAll, MAX_BATCH);

  @Inject
  public RecentVideos(VideoRepository videos, VideoDirectory directory, RecentlyListed recent) {
    this.videos = videos;
    this.directory = directory;
    this.recent = recent;
  }

  public Watchable visibleTo(long videoId, Long userId) {
    Optional<ListedVideo> listed = directory.find(videoId);
    if (listed.isPresent()) {
      return listed.get();
    }
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
