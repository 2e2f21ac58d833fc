package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.content.domain.ContentEvents;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.Sql;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a first user (and a first attacker) met: guest views inflated from one address, concurrent
 * toggles, a feed of one card, an undocumented X-Session-Id, /readyz silent about Redis
 * persistence.
 */
@WithFenzServices
class FirstUserApiTest {
  private static final int CAP = 3;
  private static TestEnvironment env;

  @RegisterExtension
  static final TestApp app =
      TestApp.perClass(
          Map.of(
              "FENZ_GUEST_VIEWS_PER_ADDRESS",
              Integer.toString(CAP),
              "FENZ_TRUSTED_PROXIES",
              "127.0.0.1"));

  private static final ApiClient api = app.api;
  private static String creator;

  @BeforeAll
  static void start(TestEnvironment environment) {
    env = environment;
    // The test client plays a reverse proxy at 127.0.0.1: its X-Forwarded-For names the client.
    creator = app.user("first-creator@example.com", "Creator").token();
  }

  @Test
  void guestViewsFromOneAddressAreCappedPerVideo() {
    long video = api.createVideo(creator, Map.of("title", "capped", "categoryId", 1), true);
    long other = api.createVideo(creator, Map.of("title", "another", "categoryId", 1), true);
    List<Boolean> direct = new ArrayList<>();
    for (int i = 0; i < CAP + 5; i++) {
      direct.add(guestView(video, null));
    }
    assertThat(direct)
        .as("random session ids from one address")
        .containsExactly(true, true, true, false, false, false, false, false);
    assertThat(guestView(other, null)).as("the cap is per video").isTrue();
    assertThat(guestView(video, "198.51.100.7"))
        .as("another client behind the trusted proxy")
        .isTrue();
    assertThat(guestView(video, "198.51.100.7")).isTrue();
    assertThat(guestView(video, "198.51.100.7")).isTrue();
    assertThat(guestView(video, "203.0.113.9, 198.51.100.7"))
        .as("hops the client wrote itself are not believed")
        .isFalse();
    String user =
        api.register("capped-viewer@example.com", "password-123", "Viewer")
            .path("accessToken")
            .asText();
    assertThat(
            api.post("/api/v1/videos/" + video + "/views", null, user)
                .json()
                .path("counted")
                .asBoolean())
        .as("signed-in users are one account each: not capped")
        .isTrue();
  }

  private static boolean guestView(long video, String forwardedFor) {
    Map<String, String> headers =
        new java.util.HashMap<>(Map.of("X-Session-Id", UUID.randomUUID().toString()));
    if (forwardedFor != null) {
      headers.put("X-Forwarded-For", forwardedFor);
    }
    ApiClient.Response r =
        api.send("POST", "/api/v1/videos/" + video + "/views", null, null, headers);
    assertThat(r.status()).isEqualTo(202);
    return r.json().path("counted").asBoolean();
  }

  @Test
  void concurrentTogglesChangeTheStateOnceAndEmitOneEvent() throws Exception {
    long video = api.createVideo(creator, Map.of("title", "raced", "categoryId", 1), false);
    List<Callable<ApiClient.Response>> toggles = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      toggles.add(() -> api.post("/api/v1/videos/" + video + "/toggle-publish", null, creator));
    }
    Set<Boolean> answers = new HashSet<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
      for (Future<ApiClient.Response> answer : pool.invokeAll(toggles)) {
        assertThat(answer.get().status()).isEqualTo(200);
        answers.add(answer.get().json().path("owner").path("published").asBoolean());
      }
    }
    // Toggles arriving after others finished may toggle back; whatever the interleaving, the events
    // must be a
    // serial history: published, unpublished, published... ending in the state the video is in.
    String events =
        Sql.text(
            env,
            "SELECT GROUP_CONCAT(subject ORDER BY id) FROM outbox WHERE subject IN ('"
                + ContentEvents.VIDEO_PUBLISHED
                + "', '"
                + ContentEvents.VIDEO_UNPUBLISHED
                + "') AND (payload LIKE '%\"videoId\":"
                + video
                + ",%' OR payload LIKE '%\"videoId\":"
                + video
                + "}%')");
    List<String> history = List.of(events.split(","));
    for (int i = 0; i < history.size(); i++) {
      assertThat(history.get(i))
          .as("event " + i + " of " + history)
          .isEqualTo(i % 2 == 0 ? ContentEvents.VIDEO_PUBLISHED : ContentEvents.VIDEO_UNPUBLISHED);
    }
    boolean published =
        Sql.count(env, "SELECT COUNT(*) FROM videos WHERE is_published AND id = " + video) == 1;
    assertThat(history.size() % 2 == 1)
        .as("the last event is the state the video is in")
        .isEqualTo(published);
    assertThat(answers).contains(published);
  }

  @Test
  void theFeedWithoutTagsFillsUpWithTheNewestAfterPopular() {
    for (int i = 0; i < 4; i++) {
      api.createVideo(creator, Map.of("title", "feed " + i, "categoryId", 1), true);
    }
    long viewed = api.createVideo(creator, Map.of("title", "viewed", "categoryId", 1), true);
    assertThat(
            api.send(
                    "POST",
                    "/api/v1/videos/" + viewed + "/views",
                    null,
                    null,
                    Map.of("X-Session-Id", UUID.randomUUID().toString()))
                .json()
                .path("counted")
                .asBoolean())
        .isTrue();
    long listed =
        Sql.count(env, "SELECT COUNT(*) FROM videos WHERE is_published AND access_tier = 0");
    JsonNode feed = api.get("/api/v1/videos/recommended", null).json();
    assertThat(feed.path("source").asText()).isEqualTo("popular");
    assertThat(feed.path("items").size()).isEqualTo((int) Math.min(20, listed));
    assertThat(feed.path("items").findValuesAsText("id")).contains(Long.toString(viewed));
    assertThat(feed.path("items").findValuesAsText("id")).doesNotHaveDuplicates();
  }

  @Test
  void everyOperationReadingXSessionIdDeclaresIt() {
    JsonNode paths = api.get("/api/openapi.json", null).json().path("paths");
    List<String> reading =
        List.of(
            "post /api/v1/auth/register",
            "post /api/v1/auth/login",
            "get /api/v1/search",
            "get /api/v1/me/tags",
            "put /api/v1/me/tags",
            "get /api/v1/channels/{id}",
            "get /api/v1/channels/{id}/videos",
            "get /api/v1/videos/recommended",
            "get /api/v1/videos/{id}",
            "get /api/v1/videos/{id}/playback",
            "post /api/v1/videos/{id}/views",
            "get /api/v1/videos/{id}/thumbnail");
    for (String operation : reading) {
      String[] parts = operation.split(" ");
      JsonNode parameters = paths.path(parts[1]).path(parts[0]).path("parameters");
      JsonNode header = null;
      for (JsonNode p : parameters) {
        if (p.path("in").asText().equals("header")
            && p.path("name").asText().equals("X-Session-Id")) {
          header = p;
        }
      }
      assertThat(header).as(operation + " declares X-Session-Id").isNotNull();
      assertThat(header.path("schema").path("format").asText()).isEqualTo("uuid");
    }
    JsonNode login = paths.path("/api/v1/auth/refresh").path("post").path("parameters");
    assertThat(login.findValuesAsText("name"))
        .as("an operation that ignores it doesn't declare it")
        .doesNotContain("X-Session-Id");
  }

  @Test
  void readinessSaysWhetherRedisPersistsBufferedViews() {
    JsonNode ready = api.get("/readyz", null).json();
    boolean aof =
        "yes"
            .equals(
                app.infrastructure().redis().client().configGet("appendonly").get("appendonly"));
    assertThat(ready.path("details").path("redisPersistence").asText())
        .startsWith(
            aof
                ? "append-only file, appendfsync"
                : "no append-only file: views buffered since the last flush are lost");
    assertThat(ready.path("status").asText()).as("a warning, not unreadiness").isEqualTo("ready");
  }
}
