package io.fenz.discovery.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.Video;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.VideoRepository;
import io.fenz.discovery.domain.DurationFilter;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.domain.SearchSort;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import io.fenz.platform.error.FenzException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Validation, query building and re-checking of the search use case, without a database. */
@Tag("unit")
class SearchVideosTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final List<SearchQuery> asked = new ArrayList<>();
  private final List<Long> rechecked = new ArrayList<>();

  /** What the index answers, and the rows the repository holds. */
  private VideoSearch.Results indexed = new VideoSearch.Results(List.of(), 0, true);

  private final Map<Long, Video> stored = new HashMap<>();
  private final VideoSearch port =
      new VideoSearch() {
        @Override
        public Results search(SearchQuery query, PageRequest page) {
          asked.add(query);
          List<Video> all = indexed.items();
          int from = (int) Math.min(page.offset(), all.size());
          return new Results(
              all.subList(from, Math.min(from + page.pageSize(), all.size())),
              indexed.total(),
              indexed.totalExact());
        }

        /** Like the index: what it re-reads and finds unlisted, it forgets. */
        @Override
        public void recheck(Collection<Long> videoIds) {
          rechecked.addAll(videoIds);
          List<Video> kept =
              indexed.items().stream()
                  .filter(v -> !videoIds.contains(v.id()) || listed(v.id()))
                  .toList();
          indexed =
              new Results(
                  kept,
                  indexed.total() - (indexed.items().size() - kept.size()),
                  indexed.totalExact());
        }
      };

  /** The database now: listed ids are those stored, published and with a visible owner. */
  private final VideoRepository rows =
      (VideoRepository)
          Proxy.newProxyInstance(
              VideoRepository.class.getClassLoader(),
              new Class<?>[] {VideoRepository.class},
              (proxy, method, args) -> {
                if (!method.getName().equals("listedAmong")) {
                  throw new UnsupportedOperationException(method.getName());
                }
                return ((Collection<?>) args[0])
                    .stream().map(id -> (Long) id).filter(this::listed).collect(Collectors.toSet());
              });

  private boolean listed(long id) {
    Video v = stored.get(id);
    return v != null && v.isListed();
  }

  private final SearchVideos search =
      new SearchVideos(
          port,
          rows,
          (video, viewer) -> video.accessTier() == AccessTier.PUBLIC,
          Clock.fixed(NOW, ZoneOffset.UTC));

  private SearchQuery run(SearchVideos.Command command) {
    search.execute(command, new Viewer(null, null), new PageRequest(1, 20));
    return asked.getLast();
  }

  @Test
  void sortDefaultsToRelevanceWithTextAndNewestWithout() {
    assertThat(run(new SearchVideos.Command("貓", null, null, null, null, null, null)).sort())
        .isEqualTo(SearchSort.RELEVANCE);
    assertThat(run(new SearchVideos.Command(null, null, null, null, null, null, null)).sort())
        .isEqualTo(SearchSort.NEWEST);
    assertThat(
            run(new SearchVideos.Command("  ", null, null, null, null, null, "relevance")).sort())
        .isEqualTo(SearchSort.NEWEST);
    assertThat(run(new SearchVideos.Command("貓", null, null, null, null, null, "views")).sort())
        .isEqualTo(SearchSort.VIEWS);
  }

  @Test
  void filtersAreParsedIntoTheQuery() {
    SearchQuery q = run(new SearchVideos.Command("貓", 6L, "Medium", "week", 100L, "2", null));
    assertThat(q.categoryId()).isEqualTo(6L);
    assertThat(q.duration()).isEqualTo(DurationFilter.MEDIUM);
    assertThat(q.publishedAfter()).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(q.minViews()).isEqualTo(100L);
    assertThat(q.access()).isEqualTo(AccessTier.MEMBERS);
    assertThat(run(new SearchVideos.Command(null, null, null, null, 0L, null, null)).minViews())
        .as("0 is no filter")
        .isNull();
  }

  @Test
  void nothingSearchableMeansAnEmptyAnswerWithoutAskingThePort() {
    for (String q : List.of("+", "-", "\"", "*", "-貓", "()")) {
      var result =
          search.execute(
              new SearchVideos.Command(q, null, null, null, null, null, null),
              new Viewer(null, null),
              new PageRequest(1, 20));
      assertThat(result.page().total()).isZero();
      assertThat(result.page().items()).isEmpty();
    }
    assertThat(asked).isEmpty();
  }

  @Test
  void badValuesAreReportedTogether() {
    assertThatThrownBy(() -> run(new SearchVideos.Command(null, 0L, "x", "y", -1L, "9", "z")))
        .isInstanceOfSatisfying(
            FenzException.class,
            e -> {
              assertThat(e.code()).isEqualTo("invalid_request");
              assertThat(e.fieldErrors())
                  .extracting(f -> f.field())
                  .containsExactly(
                      "duration", "uploaded", "sort", "access", "categoryId", "minViews");
            });
    assertThatThrownBy(
            () ->
                run(new SearchVideos.Command("貓".repeat(201), null, null, null, null, null, null)))
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.code()).isEqualTo("query_too_long"));
    assertThat(
            run(new SearchVideos.Command("𠀀".repeat(200), null, null, null, null, null, null))
                .text())
        .as("200 code points, 400 UTF-16 units")
        .hasSize(400);
  }

  @Test
  void onlyWhatIsListedNowIsShownInIndexOrderAndTheRestIsRechecked() {
    stored.put(1L, video(1, AccessTier.PUBLIC, true, false));
    stored.put(2L, video(2, AccessTier.MEMBERS, true, false));
    stored.put(3L, video(3, AccessTier.PUBLIC, false, false)); // unpublished since the index saw it
    stored.put(4L, video(4, AccessTier.PUBLIC, true, true)); // owner hidden since
    Video deleted = video(5, AccessTier.PUBLIC, true, false); // deleted since: not stored
    indexed =
        new VideoSearch.Results(
            List.of(
                listedCopy(stored.get(2L)),
                deleted,
                listedCopy(stored.get(3L)),
                stored.get(1L),
                listedCopy(stored.get(4L))),
            5,
            true);

    var result =
        search.execute(
            new SearchVideos.Command("貓", null, null, null, null, null, null),
            new Viewer(null, null),
            new PageRequest(1, 20));

    assertThat(result.page().items()).extracting(h -> h.video().id()).containsExactly(2L, 1L);
    assertThat(result.page().items())
        .extracting(SearchVideos.Hit::locked)
        .containsExactly(true, false);
    assertThat(result.page().total()).as("exact totals lose what was dropped").isEqualTo(2);
    assertThat(rechecked).containsExactlyInAnyOrder(5L, 3L, 4L);
  }

  @Test
  void aPageThatMeetsUnlistedVideosIsAskedAgainSoThatItIsFullAndAgreesWithTheNext() {
    List<Video> asIndexed = new ArrayList<>();
    for (long id = 1; id <= 16; id++) {
      stored.put(id, video(id, AccessTier.PUBLIC, id != 6, false)); // 6: unpublished since
      asIndexed.add(listedCopy(stored.get(id)));
    }
    indexed = new VideoSearch.Results(asIndexed, 16, true);

    List<Page<SearchVideos.Hit>> pages = new ArrayList<>();
    for (int p = 2; p <= 4; p++) {
      pages.add(
          search
              .execute(
                  new SearchVideos.Command("貓", null, null, null, null, null, null),
                  new Viewer(null, null),
                  new PageRequest(p, 4))
              .page());
    }

    assertThat(pages.getFirst().items())
        .extracting(h -> h.video().id())
        .as("full: the index forgot 6 and was asked again")
        .containsExactly(5L, 7L, 8L, 9L);
    assertThat(pages)
        .flatExtracting(Page::items)
        .extracting(h -> h.video().id())
        .containsExactly(5L, 7L, 8L, 9L, 10L, 11L, 12L, 13L, 14L, 15L, 16L);
    assertThat(pages).extracting(Page::total).containsOnly(15L);
    assertThat(rechecked).containsExactly(6L);
  }

  @Test
  void cappedTotalsStayCapped() {
    stored.put(1L, video(1, AccessTier.PUBLIC, true, false));
    stored.put(2L, video(2, AccessTier.PUBLIC, true, false));
    indexed =
        new VideoSearch.Results(
            List.of(stored.get(1L), stored.get(2L)), VideoSearch.MAX_TOTAL, false);
    var result =
        search.execute(
            new SearchVideos.Command(null, null, null, null, null, null, null),
            new Viewer(null, null),
            new PageRequest(1, 2));
    assertThat(result.page().total()).isEqualTo(VideoSearch.MAX_TOTAL);
    assertThat(result.totalExact()).isFalse();
  }

  /** The row as the index last saw it: still listed. */
  private static Video listedCopy(Video v) {
    return video(v.id(), v.accessTier(), true, false);
  }

  private static Video video(long id, AccessTier tier, boolean published, boolean ownerHidden) {
    return new Video(
        id,
        10,
        100,
        "頻道",
        ownerHidden,
        null,
        "影片 " + id,
        "",
        60,
        tier,
        published,
        "videos/" + id,
        null,
        0,
        0,
        NOW,
        NOW,
        NOW,
        List.of());
  }

  @Test
  void pagesPastTheResultWindowAreRefused() {
    assertThatThrownBy(
            () ->
                search.execute(
                    new SearchVideos.Command("貓", null, null, null, null, null, null),
                    new Viewer(null, null),
                    new PageRequest(101, 100)))
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.code()).isEqualTo("invalid_request"));
  }
}
