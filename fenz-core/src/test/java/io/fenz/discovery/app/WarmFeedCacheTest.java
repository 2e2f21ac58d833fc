package io.fenz.discovery.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.content.domain.Viewer;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.discovery.adapter.RedisFeedCache;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.discovery.port.FeedCache;
import io.fenz.discovery.port.FeedSource;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.redis.RedisStore;
import io.fenz.testing.TestConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A warm-up that meets a busy database goes on where it stands: under start-up traffic a saturated
 * pool answers {@code busy}, and a warm-up that gave up there left the feed cold until the worker's
 * next refresh.
 */
@WithFenzServices
class WarmFeedCacheTest {
  private static RedisStore store;

  @BeforeAll
  static void open(TestEnvironment env) {
    store = TestConfigs.redis(env, 4);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Test
  void aStreamThatBreaksIsReadAgainAfterTheLastBatchTaken() {
    List<FeedCard> cards =
        LongStream.rangeClosed(1, WarmFeedCache.BATCH + 10)
            .mapToObj(id -> card(id, 1 + id % 3))
            .toList();
    BusyAtFirst source = new BusyAtFirst(cards, 2);
    RedisFeedCache cache = new RedisFeedCache(store);

    WarmFeedCache.Result result = new WarmFeedCache(source, cache, Duration.ofMillis(1)).execute();

    assertThat(result.videos()).isEqualTo(cards.size());
    assertThat(source.reads)
        .as("broken after the first batch, then refused once, then read to its end")
        .containsExactly(0L, WarmFeedCache.BATCH + 0L, WarmFeedCache.BATCH + 0L);
    assertThat(cache.cards(List.of(1L, WarmFeedCache.BATCH + 10L)))
        .containsOnlyKeys(1L, WarmFeedCache.BATCH + 10L);
  }

  @Test
  void cardsAreWrittenManyReadBatchesAtATimeSoEachTagSetIsWrittenRarely() {
    List<FeedCard> cards =
        LongStream.rangeClosed(1, WarmFeedCache.WRITE_BATCH + WarmFeedCache.BATCH + 10)
            .mapToObj(id -> card(id, 1 + id % 3))
            .toList();
    List<Integer> writes = new ArrayList<>();
    RedisFeedCache redis = new RedisFeedCache(store);
    FeedCache counted =
        new FeedCache() {
          @Override
          public void put(Collection<FeedCard> batch) {
            writes.add(batch.size());
            redis.put(batch);
          }

          @Override
          public Optional<TagDraw> drawForViewer(Viewer viewer, int count) {
            return redis.drawForViewer(viewer, count);
          }

          @Override
          public List<Long> randomFromTags(Collection<Long> tagIds, int count) {
            return redis.randomFromTags(tagIds, count);
          }

          @Override
          public Map<Long, FeedCard> cards(List<Long> videoIds) {
            return redis.cards(videoIds);
          }

          @Override
          public List<Long> popular(int limit) {
            return redis.popular(limit);
          }

          @Override
          public void seedPopular(Map<Long, Long> scores) {
            redis.seedPopular(scores);
          }

          @Override
          public void evictVideo(long videoId, Collection<Long> tagIds) {
            redis.evictVideo(videoId, tagIds);
          }

          @Override
          public void evictTag(long tagId) {
            redis.evictTag(tagId);
          }
        };

    WarmFeedCache.Result result =
        new WarmFeedCache(new BusyAtFirst(cards, 0), counted, Duration.ofMillis(1)).execute();

    assertThat(result.videos()).isEqualTo(cards.size());
    assertThat(writes)
        .as("the read batches gathered up to a write, then the rest")
        .containsExactly(WarmFeedCache.WRITE_BATCH, WarmFeedCache.BATCH + 10);
    assertThat(redis.randomFromTags(List.of(1L, 2L, 3L), 5)).hasSize(5);
  }

  private static FeedCard card(long id, long tagId) {
    return new FeedCard(
        id,
        "影片 " + id,
        1,
        "頻道",
        true,
        60,
        0,
        Instant.parse("2026-11-01T00:00:00Z"),
        new long[] {tagId});
  }

  /**
   * Eligible videos in memory. With {@code busy} > 0 the stream from the start breaks after its
   * first batch, and the streams after it are refused until {@code busy} failures in all.
   */
  private static final class BusyAtFirst implements FeedSource {
    private final List<FeedCard> cards;
    private final AtomicInteger refusals;
    final List<Long> reads = new ArrayList<>();

    BusyAtFirst(List<FeedCard> cards, int busy) {
      this.cards = cards;
      this.refusals = new AtomicInteger(busy);
    }

    @Override
    public void eligibleAfter(long afterId, int size, Consumer<List<FeedCard>> batches) {
      reads.add(afterId);
      if (afterId > 0 && refusals.getAndDecrement() > 0) {
        throw FenzException.unavailable("busy", "the pool is saturated");
      }
      List<FeedCard> rest = cards.stream().filter(c -> c.videoId() > afterId).toList();
      for (int from = 0; from < rest.size(); from += size) {
        if (afterId == 0 && from > 0 && refusals.getAndDecrement() > 0) {
          throw FenzException.unavailable("busy", "the connection was lost");
        }
        batches.accept(rest.subList(from, Math.min(rest.size(), from + size)));
      }
    }

    @Override
    public Map<Long, Long> mostViewed(int limit) {
      return Map.of();
    }

    @Override
    public List<Long> allTagIds() {
      return List.of(1L, 2L, 3L);
    }

    @Override
    public Optional<FeedCard> eligible(long videoId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<FeedCard> eligible(Collection<Long> videoIds) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<FeedCard> randomWithTags(Collection<Long> tagIds, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<FeedCard> newest(int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Long> tagIdsOf(long videoId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Long> videoIdsOfOwner(long userId) {
      throw new UnsupportedOperationException();
    }
  }
}
