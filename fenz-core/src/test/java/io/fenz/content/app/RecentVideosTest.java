package io.fenz.content.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.content.adapter.CaffeineRecentlyListed;
import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.error.FenzException;
import io.fenz.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Listed videos are remembered for a few seconds (no query per view); unlisted ones never are. */
@Tag("unit")
class RecentVideosTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final Map<Long, Video> stored = new HashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final VideoRepository rows =
      (VideoRepository)
          Proxy.newProxyInstance(
              VideoRepository.class.getClassLoader(),
              new Class<?>[] {VideoRepository.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("findById")) {
                  throw new UnsupportedOperationException(method.getName());
                }
                reads.incrementAndGet();
                return Optional.ofNullable(stored.get((Long) args[0]));
              });
  private final RecentVideos recent =
      new RecentVideos(new Videos(rows), new CaffeineRecentlyListed(clock));

  @Test
  void aListedVideoIsReadOnceWithinFiveSecondsThenAgain() {
    stored.put(1L, video(1, true));
    recent.visibleTo(1, null);
    stored.put(1L, video(1, false)); // unpublished meanwhile: still counted for a moment, by design
    assertThat(recent.visibleTo(1, null).published()).isTrue();
    assertThat(reads).hasValue(1);

    clock.advance(Duration.ofSeconds(6));
    assertThatThrownBy(() -> recent.visibleTo(1, null))
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.code()).isEqualTo("video_not_found"));
    assertThat(reads).hasValue(2);
  }

  @Test
  void anUnlistedVideoIsReadEveryTimeSoPublishingShowsAtOnce() {
    stored.put(2L, video(2, false));
    assertThat(recent.visibleTo(2, 7L).published()).as("its owner sees it").isFalse();
    stored.put(2L, video(2, true));
    assertThat(recent.visibleTo(2, null).published()).isTrue();
    assertThat(reads).hasValue(2);
  }

  private static Video video(long id, boolean published) {
    Instant at = Instant.parse("2026-03-01T00:00:00Z");
    return new Video(
        id,
        3,
        7,
        "ch",
        false,
        null,
        "t",
        "",
        60,
        AccessTier.PUBLIC,
        published,
        "k",
        null,
        0,
        0,
        at,
        at,
        at,
        List.of());
  }
}
