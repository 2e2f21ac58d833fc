package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.discovery.domain.SearchTokenizer;
import io.fenz.http.testing.TestApp;
import io.fenz.platform.listing.RedisListingChanges;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GET /search on the in-memory Lucene index (what `fenz serve` uses): the shared cases, plus how
 * the index follows changes made by other processes (announced in the change log) or by hand (raw
 * SQL here, which it learns from the catch-up).
 */
@WithFenzServices
class SearchApiTest extends SearchApiContract {
  @RegisterExtension static final TestApp app = app("memory");

  @BeforeAll
  static void start() {
    createCorpus(app);
  }

  @Test
  void rowsChangedBehindTheAppsBackAreSearchableAfterTheCatchUp() {
    long id = createVideo(creator, "手沖咖啡入門", "磨豆與水溫", 6, 0, true);
    sql(
        "UPDATE videos SET title = '冷萃咖啡入門', search_tokens = '"
            + SearchTokenizer.indexText("冷萃咖啡入門", "磨豆與水溫")
            + "', views_member = 70000 WHERE id = "
            + id);
    app.catchUpSearch();
    assertThat(titles(search("q=冷萃"))).containsExactly("冷萃咖啡入門");
    assertThat(titles(search("minViews=50000")))
        .as("views flushed by the worker arrive the same way")
        .containsExactly("冷萃咖啡入門");
    sql("UPDATE videos SET is_published = FALSE WHERE id = " + id);
    app.catchUpSearch();
    assertThat(titles(search("q=冷萃"))).isEmpty();
    assertThat(search("q=冷萃").path("total").asLong()).isZero();
  }

  @Test
  void ownersHiddenOrRestoredBehindTheAppsBackAreAppliedAtTheCatchUp() {
    String owner =
        api.register("search-ukulele@example.com", "password-123", "烏克麗麗頻道")
            .path("accessToken")
            .asText();
    createVideo(owner, "烏克麗麗彈唱", "", 2, 0, true);
    createVideo(owner, "烏克麗麗調音", "", 2, 0, true);
    sql("UPDATE users SET is_hidden = TRUE WHERE email = 'search-ukulele@example.com'");
    app.catchUpSearch();
    assertThat(search("q=烏克麗麗").path("total").asLong()).isZero();
    sql("UPDATE users SET is_hidden = FALSE WHERE email = 'search-ukulele@example.com'");
    app.catchUpSearch();
    assertThat(titles(search("q=烏克麗麗"))).containsExactlyInAnyOrder("烏克麗麗彈唱", "烏克麗麗調音");
    sql("UPDATE users SET is_hidden = TRUE WHERE email = 'search-ukulele@example.com'"); // out of
    // the
    // other
    // tests'
    // way
    app.catchUpSearch();
  }

  @Test
  void aVideoDeletedByAnotherProcessIsNeverShownAfterItsAnnouncement() {
    long id = createVideo(creator, "陶藝拉坯", "", 2, 0, true);
    assertThat(titles(search("q=陶藝"))).containsExactly("陶藝拉坯");
    sql("DELETE FROM video_tags WHERE video_id = " + id);
    sql(
        "DELETE FROM videos WHERE id = "
            + id); // another process: this one's hooks never ran, that one's announce it
    new RedisListingChanges(app.infrastructure().redis()).videosChanged(List.of(id));
    var first = search("q=陶藝");
    assertThat(titles(first)).as("never shown").isEmpty();
    assertThat(first.path("total").asLong()).as("the dropped hit is not counted").isZero();
    assertThat(search("q=陶藝").path("total").asLong())
        .as("still not counted once the index re-read it")
        .isZero();
  }
}
