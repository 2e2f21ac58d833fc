package io.fenz.discovery.adapter.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.Video;
import io.fenz.content.port.VideoRepository;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.domain.SearchSort;
import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.discovery.port.IndexableVideos;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.PageRequest;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.listing.ListingChanges;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The index's life and catch-up on in-memory rows: no database, milliseconds per test. */
@Tag("unit")
class LuceneVideoSearchTest {
  private static final FenzConfig.Search NO_LOOP =
      new FenzConfig.Search(true, Duration.ofHours(1), 100, 2, Duration.ofSeconds(2));
  private static final LocalDateTime T0 = LocalDateTime.of(2026, 3, 1, 12, 0);

  /**
   * The videos of record; {@code failures} makes the next reads of the clock fail (the database
   * down).
   */
  private final Map<Long, IndexableVideos.Row> rows = new ConcurrentHashMap<>();

  private final Set<Long> hidden = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failures = new AtomicInteger();

  /** Reads of the build's first batch and of the later ones; the next later reads that fail. */
  private final AtomicInteger firstBatchReads = new AtomicInteger();

  private final AtomicInteger laterBatchReads = new AtomicInteger();
  private final AtomicInteger laterBatchFailures = new AtomicInteger();
  private LocalDateTime clock = T0;
  private final IndexableVideos records =
      new IndexableVideos() {
        @Override
        public LocalDateTime now() {
          if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("database unreachable");
          }
          return clock;
        }

        @Override
        public List<Row> listedAfter(long afterId, int limit) {
          (afterId == 0 ? firstBatchReads : laterBatchReads).incrementAndGet();
          if (afterId > 0 && laterBatchFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("busy: every database connection is in use");
          }
          return rows.values().stream()
              .filter(r -> listed(r) && r.id() > afterId)
              .sorted((a, b) -> Long.compare(a.id(), b.id()))
              .limit(limit)
              .map(this::withListed)
              .toList();
        }

        @Override
        public List<Row> changedAfter(LocalDateTime changedAt, long afterId, int limit) {
          return rows.values().stream()
              .filter(
                  r ->
                      r.changedAt().isAfter(changedAt)
                          || (r.changedAt().equals(changedAt) && r.id() > afterId))
              .sorted(
                  (a, b) ->
                      a.changedAt().equals(b.changedAt())
                          ? Long.compare(a.id(), b.id())
                          : a.changedAt().compareTo(b.changedAt()))
              .limit(limit)
              .map(this::withListed)
              .toList();
        }

        @Override
        public List<Row> byIds(Collection<Long> videoIds) {
          return videoIds.stream()
              .map(rows::get)
              .filter(r -> r != null)
              .map(this::withListed)
              .toList();
        }

        @Override
        public List<Row> ofOwners(Collection<Long> ownerIds) {
          return rows.values().stream()
              .filter(r -> ownerIds.contains(r.ownerId()))
              .map(this::withListed)
              .toList();
        }

        @Override
        public Set<Long> hiddenOwners() {
          return Set.copyOf(hidden);
        }

        @Override
        public Set<Long> existingBetween(long low, long high) {
          return Set.copyOf(rows.keySet().stream().filter(id -> id >= low && id <= high).toList());
        }

        private Row withListed(Row r) {
          return new Row(
              r.id(),
              listed(r),
              r.tokens(),
              r.categoryId(),
              r.durationSeconds(),
              r.tier(),
              r.publishedAt(),
              r.views(),
              r.changedAt(),
              r.ownerId());
        }

        private boolean listed(Row r) {
          return r.listed() && !hidden.contains(r.ownerId());
        }
      };

  /** Nothing is ever announced: the log stays at its start. */
  private final ListingChanges quietLog =
      new ListingChanges() {
        @Override
        public void videosChanged(Collection<Long> videoIds) {}

        @Override
        public void ownerChanged(long userId) {}

        @Override
        public String latest() {
          return START;
        }

        @Override
        public Optional<Since> since(String position) {
          return Optional.of(new Since(Set.of(), false, START));
        }
      };

  private final VideoRepository cards =
      (VideoRepository)
          Proxy.newProxyInstance(
              VideoRepository.class.getClassLoader(),
              new Class<?>[] {VideoRepository.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("findByIds")) {
                  throw new UnsupportedOperationException(method.getName());
                }
                return ((Collection<?>) args[0])
                    .stream()
                        .map(id -> rows.get((Long) id))
                        .filter(r -> r != null)
                        .map(LuceneVideoSearchTest::video)
                        .toList();
              });
  private final AtomicInteger fallbackSearches = new AtomicInteger();
  private final VideoSearch fallback =
      (query, page) -> {
        fallbackSearches.incrementAndGet();
        return new VideoSearch.Results(List.of(), 0, true);
      };
  private final LuceneVideoSearch search =
      new LuceneVideoSearch(
          records,
          cards,
          fallback,
          NO_LOOP,
          quietLog,
          new SimpleMeterRegistry(),
          Duration.ofMillis(5));

  @AfterEach
  void stop() {
    search.stop();
  }

  @Test
  void aFailedBuildIsRetriedUntilTheIndexAnswers() {
    put(1, "陶藝入門", 7, true);
    failures.set(3);
    assertThat(search.search(text("陶藝"), PAGE).items())
        .as("before the build: the fallback")
        .isEmpty();
    assertThat(fallbackSearches).hasValue(1);

    search.start();

    assertThat(failures).as("every failing attempt was retried").hasValue(0);
    assertThat(ids(search.search(text("陶藝"), PAGE))).containsExactly(1L);
    assertThat(fallbackSearches).hasValue(1);
  }

  @Test
  void aBatchThatFailsMidBuildIsReadAgainWithoutStartingTheBuildOver() {
    for (long id = 1; id <= IndexFollower.BATCH + 1; id++) {
      put(id, id == IndexFollower.BATCH + 1 ? "陶藝入門" : "日常", 7, true);
    }
    laterBatchFailures.set(3);

    search.start();

    assertThat(firstBatchReads).as("the first batch was read once").hasValue(1);
    assertThat(laterBatchReads)
        .as("the second batch: three failures and the read that worked, then the empty end")
        .hasValue(5);
    assertThat(ids(search.search(text("陶藝"), PAGE))).containsExactly(IndexFollower.BATCH + 1L);
  }

  @Test
  void theCatchUpAppliesChangedRowsAndHiddenOwners() {
    put(1, "陶藝入門", 7, true);
    put(2, "陶藝進階", 8, true);
    search.start();
    assertThat(ids(search.search(text("陶藝"), PAGE))).containsExactlyInAnyOrder(1L, 2L);

    clock = clock.plusSeconds(10);
    put(3, "陶藝大全", 7, true);
    put(1, "陶藝入門", 7, false);
    hidden.add(8L);
    search.catchUp();
    assertThat(ids(search.search(text("陶藝"), PAGE)))
        .as("1 unpublished, owner 8 hidden")
        .containsExactly(3L);

    hidden.remove(8L);
    search.catchUp();
    assertThat(ids(search.search(text("陶藝"), PAGE)))
        .as("owner 8 restored")
        .containsExactlyInAnyOrder(2L, 3L);
  }

  private static final PageRequest PAGE = new PageRequest(1, 10);

  private void put(long id, String title, long owner, boolean published) {
    rows.put(
        id,
        new IndexableVideos.Row(
            id,
            published,
            SearchTokenizer.indexText(title, ""),
            null,
            60,
            0,
            Instant.parse("2026-03-01T00:00:00Z"),
            0,
            clock,
            owner));
  }

  private static SearchQuery text(String words) {
    return new SearchQuery(words, null, null, null, null, null, SearchSort.RELEVANCE);
  }

  private static List<Long> ids(VideoSearch.Results results) {
    return results.items().stream().map(Video::id).toList();
  }

  private static Video video(IndexableVideos.Row r) {
    return new Video(
        r.id(),
        1,
        r.ownerId(),
        "ch",
        false,
        null,
        "t",
        "",
        60,
        AccessTier.PUBLIC,
        r.listed(),
        "k",
        null,
        0,
        0,
        r.publishedAt(),
        r.publishedAt(),
        r.publishedAt(),
        List.of());
  }
}
