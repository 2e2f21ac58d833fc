package io.fenz.content.adapter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fenz.content.domain.Video;
import io.fenz.content.port.RecentlyListed;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link RecentlyListed} in a Caffeine cache: each video for {@link #MAX_AGE}, at most {@link
 * #MAX_ENTRIES}, on the app's clock.
 */
@Singleton
public final class CaffeineRecentlyListed implements RecentlyListed {
  static final Duration MAX_AGE = Duration.ofSeconds(5);

  /** Hot videos are back within a request each: more would only hold cold ones. */
  static final int MAX_ENTRIES = 10_000;

  private final Cache<Long, Video> videos;

  @Inject
  public CaffeineRecentlyListed(Clock clock) {
    this.videos =
        Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(MAX_AGE)
            .ticker(() -> nanos(clock.instant()))
            .build();
  }

  @Override
  public Optional<Video> find(long videoId) {
    return Optional.ofNullable(videos.getIfPresent(videoId));
  }

  @Override
  public void remember(Video video) {
    videos.put(video.id(), video);
  }

  private static long nanos(Instant at) {
    return at.getEpochSecond() * 1_000_000_000L + at.getNano();
  }
}
