package io.fenz.content.app;

import io.fenz.content.domain.Video;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Videos#visibleTo} remembering listed videos for {@link #MAX_AGE}, so the hottest write
 * (counting a view) costs no query. The price: for up to that long after an unpublish, hide, tier
 * change or delete, views may still be counted (a deleted video's are dropped by the flush).
 * Unlisted videos are never remembered, so publishing takes effect at once.
 */
@Singleton
public final class RecentVideos {
  private static final Duration MAX_AGE = Duration.ofSeconds(5);
  /** Past this many, start over: hot videos are back within a request each. */
  private static final int MAX_ENTRIES = 10_000;

  private record Entry(Video video, Instant loadedAt) {}

  private final Map<Long, Entry> entries = new ConcurrentHashMap<>();
  private final Videos videos;
  private final Clock clock;

  @Inject
  public RecentVideos(Videos videos, Clock clock) {
    this.videos = videos;
    this.clock = clock;
  }

  public Video visibleTo(long videoId, Long userId) {
    Instant now = clock.instant();
    Entry entry = entries.get(videoId);
    if (entry != null && entry.loadedAt().plus(MAX_AGE).isAfter(now)) {
      return entry.video();
    }
    Video video = videos.visibleTo(videoId, userId);
    if (video.isListed()) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(videoId, new Entry(video, now));
    }
    return video;
  }
}
