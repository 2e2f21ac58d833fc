package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.Sql;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two HTTP processes over one database, each with its own in-memory search index: what one changes
 * through the app, the other searches at once (it follows the change log in Redis before its next
 * page); what raw SQL changes, after its catch-up.
 */
@WithFenzServices
class SearchAcrossProcessesTest {
  private static TestEnvironment env;
  @RegisterExtension static final TestApp writer = TestApp.perClass();
  @RegisterExtension static final TestApp reader = TestApp.perClass();

  @BeforeAll
  static void start(TestEnvironment environment) {
    env = environment;
  }

  @Test
  void publishingEditingAndUnpublishingElsewhereAreSearchedAtOnce() {
    String creator =
        writer
            .api
            .register("across-1@example.com", "password-123", "跨程序")
            .path("accessToken")
            .asText();
    long id = publishedVideo(creator, "書法練習第一課");
    assertThat(titles(writer.api, "書法"))
        .as("the writer searches its own change at once")
        .containsExactly("書法練習第一課");
    assertThat(titles(reader.api, "書法"))
        .as("the reader follows the writer's announcement")
        .containsExactly("書法練習第一課");

    writer.api.patch("/api/v1/videos/" + id, Map.of("title", "書法練習第二課"), creator);
    assertThat(titles(reader.api, "書法"))
        .as("cards as current as the index")
        .containsExactly("書法練習第二課");

    writer.api.post("/api/v1/videos/" + id + "/toggle-publish", null, creator);
    JsonNode unpublished = search(reader.api, "書法");
    assertThat(unpublished.path("items")).isEmpty();
    assertThat(unpublished.path("total").asLong()).isZero();
  }

  @Test
  void rawSqlChangesAreSearchedAfterTheCatchUp() {
    String creator =
        writer
            .api
            .register("across-4@example.com", "password-123", "背後改")
            .path("accessToken")
            .asText();
    publishedVideo(creator, "篆刻印章入門");
    assertThat(titles(reader.api, "篆刻")).containsExactly("篆刻印章入門");
    Sql.execute(
        env, "UPDATE videos SET is_published = FALSE WHERE title = '篆刻印章入門'"); // nothing announced
    reader.catchUpSearch();
    assertThat(search(reader.api, "篆刻").path("total").asLong()).isZero();
  }

  @Test
  void anAccountDeletedElsewhereDisappearsFromTheOtherProcess() {
    String creator =
        writer
            .api
            .register("across-2@example.com", "password-123", "刪除帳號")
            .path("accessToken")
            .asText();
    publishedVideo(creator, "水彩風景畫");
    publishedVideo(creator, "水彩人像畫");
    reader.catchUpSearch();
    assertThat(titles(reader.api, "水彩")).containsExactlyInAnyOrder("水彩風景畫", "水彩人像畫");

    assertThat(writer.api.delete("/api/v1/me", creator).status()).isEqualTo(204);
    JsonNode first =
        search(
            reader.api,
            "水彩"); // a deletion leaves no changed row: the announcement names the videos
    assertThat(first.path("items")).isEmpty();
    assertThat(first.path("total").asLong()).isZero();
    assertThat(search(reader.api, "水彩").path("total").asLong())
        .as("and the index forgot them")
        .isZero();
  }

  @Test
  void anOwnerHiddenElsewhereIsHiddenAndComesBackWhenRestored() {
    String creator =
        writer
            .api
            .register("across-3@example.com", "password-123", "隱藏再現")
            .path("accessToken")
            .asText();
    publishedVideo(creator, "剪紙藝術入門");
    reader.catchUpSearch();
    assertThat(titles(reader.api, "剪紙")).containsExactly("剪紙藝術入門");

    assertThat(writer.api.post("/api/v1/me/hide", null, creator).status()).isEqualTo(200);
    assertThat(titles(reader.api, "剪紙"))
        .as("the announcement made the reader re-read hidden owners")
        .isEmpty();
    reader.catchUpSearch();
    assertThat(search(reader.api, "剪紙").path("total").asLong()).isZero();

    Sql.execute(
        env,
        "UPDATE users SET is_hidden = FALSE WHERE email = 'across-3@example.com'"); // as an admin's
    // restore
    reader.catchUpSearch();
    assertThat(titles(reader.api, "剪紙"))
        .as("restored owners get their videos back")
        .containsExactly("剪紙藝術入門");
  }

  private static long publishedVideo(String token, String title) {
    return writer.api.createVideo(
        token, Map.of("title", title, "description", "", "categoryId", 2, "accessTier", 0), true);
  }

  private static JsonNode search(ApiClient api, String q) {
    ApiClient.Response r =
        api.get("/api/v1/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), null);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private static List<String> titles(ApiClient api, String q) {
    List<String> titles = new ArrayList<>();
    search(api, q).path("items").forEach(card -> titles.add(card.path("title").asText()));
    return titles;
  }
}
