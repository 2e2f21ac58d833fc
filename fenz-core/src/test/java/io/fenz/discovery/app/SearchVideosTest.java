package io.fenz.discovery.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.Viewer;
import io.fenz.discovery.domain.DurationFilter;
import io.fenz.discovery.domain.SearchQuery;
import io.fenz.discovery.domain.SearchSort;
import io.fenz.discovery.port.VideoSearch;
import io.fenz.platform.PageRequest;
import io.fenz.platform.error.FenzException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation and query building of the search use case, without a database. */
class SearchVideosTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final List<SearchQuery> asked = new ArrayList<>();
  private final VideoSearch port = (query, page) -> {
    asked.add(query);
    return new VideoSearch.Results(List.of(), 0, true);
  };
  private final SearchVideos search = new SearchVideos(port, (video, viewer) -> true, Clock.fixed(NOW, ZoneOffset.UTC));

  private SearchQuery run(SearchVideos.Command command) {
    search.execute(command, new Viewer(null, null), new PageRequest(1, 20));
    return asked.getLast();
  }

  @Test
  void sortDefaultsToRelevanceWithTextAndNewestWithout() {
    assertThat(run(new SearchVideos.Command("貓", null, null, null, null, null, null)).sort()).isEqualTo(SearchSort.RELEVANCE);
    assertThat(run(new SearchVideos.Command(null, null, null, null, null, null, null)).sort()).isEqualTo(SearchSort.NEWEST);
    assertThat(run(new SearchVideos.Command("  ", null, null, null, null, null, "relevance")).sort()).isEqualTo(SearchSort.NEWEST);
    assertThat(run(new SearchVideos.Command("貓", null, null, null, null, null, "views")).sort()).isEqualTo(SearchSort.VIEWS);
  }

  @Test
  void filtersAreParsedIntoTheQuery() {
    SearchQuery q = run(new SearchVideos.Command("貓", 6L, "Medium", "week", 100L, "2", null));
    assertThat(q.categoryId()).isEqualTo(6L);
    assertThat(q.duration()).isEqualTo(DurationFilter.MEDIUM);
    assertThat(q.publishedAfter()).isEqualTo(NOW.minus(Duration.ofDays(7)));
    assertThat(q.minViews()).isEqualTo(100L);
    assertThat(q.access()).isEqualTo(AccessTier.MEMBERS);
    assertThat(run(new SearchVideos.Command(null, null, null, null, 0L, null, null)).minViews()).as("0 is no filter").isNull();
  }

  @Test
  void nothingSearchableMeansAnEmptyAnswerWithoutAskingThePort() {
    for (String q : List.of("+", "-", "\"", "*", "-貓", "()")) {
      var result = search.execute(new SearchVideos.Command(q, null, null, null, null, null, null), new Viewer(null, null),
          new PageRequest(1, 20));
      assertThat(result.page().total()).isZero();
      assertThat(result.page().items()).isEmpty();
    }
    assertThat(asked).isEmpty();
  }

  @Test
  void badValuesAreReportedTogether() {
    assertThatThrownBy(() -> run(new SearchVideos.Command(null, 0L, "x", "y", -1L, "9", "z")))
        .isInstanceOfSatisfying(FenzException.class, e -> {
          assertThat(e.code()).isEqualTo("invalid_request");
          assertThat(e.fieldErrors()).extracting(f -> f.field())
              .containsExactly("duration", "uploaded", "sort", "access", "categoryId", "minViews");
        });
    assertThatThrownBy(() -> run(new SearchVideos.Command("貓".repeat(201), null, null, null, null, null, null)))
        .isInstanceOfSatisfying(FenzException.class, e -> assertThat(e.code()).isEqualTo("query_too_long"));
    assertThat(run(new SearchVideos.Command("𠀀".repeat(200), null, null, null, null, null, null)).text())
        .as("200 code points, 400 UTF-16 units").hasSize(400);
  }

  @Test
  void pagesPastTheResultWindowAreRefused() {
    assertThatThrownBy(() -> search.execute(new SearchVideos.Command("貓", null, null, null, null, null, null), new Viewer(null, null),
        new PageRequest(101, 100))).isInstanceOfSatisfying(FenzException.class, e -> assertThat(e.code()).isEqualTo("invalid_request"));
  }
}
