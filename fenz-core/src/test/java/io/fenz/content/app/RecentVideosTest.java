package io.fenz.content.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.content.adapter.CaffeineRecentlyListed;
import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.ListedVideo;
import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoDirectory;
import io.fenz.content.port.VideoRepository;
import io.fenz.platform.error.FenzException;
import io.fenz.testing.MutableClock;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Videos in the directory are never read; other listed videos are remembered for a few seconds (no
 * query per view); unlisted ones never are.
 */
@Tag("unit")
class RecentVideosTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T12:00:00Z"));
  private final Map<Long, Video> stored = new HashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final List<List<?>> asked = new CopyOnWriteArrayList<>();

  /** Holds every read until released (released from the start unless a test replaces it). */
  private CountDownLatch firstRead = new CountDownLatch(0);

  private final VideoRepository rows =
      (VideoRepository)
          Proxy.newProxyInstance(
              VideoRepository.class.getClassLoader(),
              new Class<?>[] {VideoRepository.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("findByIds")) {
                  throw new UnsupportedOperationException(method.getName());
                }
                reads.incrementAndGet();
                asked.add(List.copyOf((Collection<?>) args[0]));
                firstRead.await();
                return ((Collection<?>) args[0])
                    .stream().map(stored::get).filter(Objects::nonNull).toList();
              });
  private final Map<Long, ListedVideo> directory = new HashMap<>();
  private final RecentVideos recent =
      new RecentVideos(
          rows,
          new VideoDirectory() {
            @Override
            public Optional<ListedVideo> find(long videoId) {
              return Optional.ofNullable(directory.get(videoId));
            }

            @Override
            public void start() {}
          },
          new CaffeineRecentlyListed(clock));

  @Test
  void aVideoInTheDirectoryIsNotRead() {
    directory.put(4L, new ListedVideo(4, 3, 7, AccessTier.MEMBERS));
    assertThat(recent.visibleTo(4, null)).isEqualTo(new ListedVideo(4, 3, 7, AccessTier.MEMBERS));
    assertThat(reads).hasValue(0);
  }

  @Test
  void aListedVideoIsReadOnceWithinFiveSecondsThenAgain() {
    stored.put(1L, video(1, true));
    recent.visibleTo(1, null);
    stored.put(1L, video(1, false)); // unpublished meanwhile: still counted for a moment, by design
    assertThat(recent.visibleTo(1, null).isListed()).isTrue();
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
    assertThat(recent.visibleTo(2, 7L).isListed()).as("its owner sees it").isFalse();
    stored.put(2L, video(2, true));
    assertThat(recent.visibleTo(2, null).isListed()).isTrue();
    assertThat(reads).hasValue(2);
  }

  @Test
  void videosMissedWhileAReadIsOutAreReadTogether() throws Exception {
    for (long id = 1; id <= 3; id++) {
      stored.put(id, video(id, true));
    }
    firstRead = new CountDownLatch(1);
    Thread first = Thread.ofVirtual().start(() -> recent.visibleTo(1, null));
    awaitParkedOrReading(first, () -> reads.get() == 1);
    // One after the other, so the batch's order (arrival order) is known.
    Thread second = Thread.ofVirtual().start(() -> recent.visibleTo(2, null));
    awaitParkedOrReading(second, () -> true);
    Thread third = Thread.ofVirtual().start(() -> recent.visibleTo(3, null));
    awaitParkedOrReading(third, () -> true);
    firstRead.countDown();
    first.join();
    second.join();
    third.join();
    assertThat(asked).containsExactly(List.of(1L), List.of(2L, 3L));
  }

  /** Until the thread waits (parked behind the read that is out, or in it) and {@code also}. */
  private static void awaitParkedOrReading(Thread thread, BooleanSupplier also)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (thread.getState() != Thread.State.WAITING || !also.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for " + thread).isLessThan(deadline);
      Thread.sleep(5);
    }
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
