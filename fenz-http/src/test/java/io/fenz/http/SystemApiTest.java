package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.OpenApiContract;
import io.fenz.http.testing.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@WithFenzServices
class SystemApiTest {
  /** Whole lists that take no input: nothing a caller sends can make them answer 4xx. */
  private static final List<String> CATALOG_READS = List.of("/api/v1/categories", "/api/v1/tags");

  @RegisterExtension static final TestApp app = TestApp.perClass();
  private static final ApiClient api = app.api;

  @Test
  void healthAndReadinessReportEveryDependency() {
    assertThat(api.get("/healthz", null).json().path("status").asText()).isEqualTo("ok");
    ApiClient.Response ready = api.get("/readyz", null);
    assertThat(ready.status()).isEqualTo(200);
    JsonNode checks = ready.json().path("checks");
    assertThat(checks.path("database").asText()).isEqualTo("ok");
    assertThat(checks.path("redis").asText()).isEqualTo("ok");
    assertThat(checks.path("s3").asText()).isEqualTo("ok");
    if (app.infrastructure().nats() != null) {
      assertThat(checks.path("nats").asText()).isEqualTo("ok");
    }
  }

  @Test
  void readinessSaysWarmingUntilTheNodeIsWarmWhileItAlreadyServes() {
    app.infrastructure().warmUp().started("feed-cache");
    try {
      ApiClient.Response warming = api.get("/readyz", null);
      assertThat(warming.status()).isEqualTo(503);
      assertThat(warming.json().path("checks").path("warm-up").asText()).isEqualTo("warming");
      assertThat(api.get("/api/v1/videos/recommended", null).status())
          .as("the node serves meanwhile")
          .isEqualTo(200);
    } finally {
      app.infrastructure().warmUp().finished("feed-cache");
    }
    assertThat(api.get("/readyz", null).status()).isEqualTo(200);
  }

  /**
   * 10,000 guests setting their tags 16 at a time once got five 500s (InnoDB deadlocks); a smaller
   * crowd, same shape, on a pool of 8: each answer is the tags, or 503 `busy` with Retry-After when
   * no connection freed up in time.
   */
  @Test
  void guestsSettingTagsSixteenAtATimeNeverGetA500() throws Exception {
    List<java.util.concurrent.Future<ApiClient.Response>> answers = new ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(16)) {
      for (int i = 0; i < 400; i++) {
        long first = 1 + i % 10;
        answers.add(
            pool.submit(
                () ->
                    api.send(
                        "PUT",
                        "/api/v1/me/tags",
                        Map.of("tagIds", List.of(first, first + 1, first + 2)),
                        null,
                        Map.of("X-Session-Id", java.util.UUID.randomUUID().toString()))));
      }
      int saved = 0;
      for (var answer : answers) {
        ApiClient.Response response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
        if (response.status() == 200) {
          saved++;
        } else {
          assertThat(response.status()).isEqualTo(503);
          assertThat(response.code()).isEqualTo("busy");
          assertThat(response.header("Retry-After")).isEqualTo("1");
        }
      }
      assertThat(saved).isPositive();
    }
  }

  @Test
  void metricsCountRequestsPerRoute() {
    api.get("/healthz", null);
    ApiClient.Response metrics = api.get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.raw().body())
        .contains("http_server_requests_seconds_count")
        .contains("route=\"/healthz\"");
  }

  @Test
  void openApiDocumentsEveryRegisteredRoute() {
    JsonNode doc = api.get("/api/openapi.json", null).json();
    assertThat(doc.path("openapi").asText()).startsWith("3.1");
    List<String> documented = new ArrayList<>();
    doc.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op ->
                            documented.add(
                                op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
    assertThat(app.server().registeredRoutes()).isNotEmpty();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(app.server().registeredRoutes());
    JsonNode register = doc.path("paths").path("/api/v1/auth/register").path("post");
    assertThat(register.path("requestBody").toString()).contains("RegisterRequest");
    assertThat(
            doc.path("components")
                .path("schemas")
                .path("RegisterRequest")
                .path("properties")
                .has("email"))
        .isTrue();
  }

  /**
   * Every operation says who may call it and, past the system routes, which 4xx it may answer; the
   * document is written to target/openapi.json, where `make test` lints it (tools/openapi-lint).
   */
  @Test
  void openApiDeclaresAccessAndErrorAnswersAndIsWrittenForTheLinter() throws Exception {
    ApiClient.Response served = api.get("/api/openapi.json", null);
    JsonNode doc = served.json();
    assertThat(doc.path("servers").isEmpty()).isFalse();
    assertThat(doc.path("components").path("securitySchemes").properties())
        .extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("bearerAuth", "guestSession", "signedUrl");
    JsonNode me = doc.path("paths").path("/api/v1/me").path("get");
    assertThat(me.path("security").toString()).isEqualTo("[{\"bearerAuth\":[]}]");
    assertThat(me.path("responses").path("401").path("description").asText())
        .contains("invalid_token");
    assertThat(
            doc.path("paths")
                .path("/api/v1/videos/recommended")
                .path("get")
                .path("security")
                .toString())
        .contains("guestSession")
        .contains("{}");
    assertThat(
            doc.path("paths")
                .path("/api/v1/videos/{id}")
                .path("get")
                .path("responses")
                .path("404")
                .path("description")
                .asText())
        .contains("video_not_found");
    doc.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          assertThat(op.getValue().has("security"))
                              .as(op.getKey() + " " + path.getKey())
                              .isTrue();
                          if (path.getKey().startsWith("/api/v1/")
                              && !CATALOG_READS.contains(path.getKey())) {
                            assertThat(op.getValue().path("responses").properties())
                                .as("4xx of " + op.getKey() + " " + path.getKey())
                                .anyMatch(r -> r.getKey().startsWith("4"));
                          }
                        }));
    Path out = Path.of("target", "openapi.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, served.raw().body());
  }

  /**
   * {@code required} is what the server always sends: the mapper leaves nulls out, so a property
   * that can be null must not be required, or the SPA's generated types would promise it. A video
   * without category, thumbnail or publication carries the holes the document declares; the other
   * answers' known holes are listed.
   */
  @Test
  void openApiRequiresOnlyWhatTheAnswersAlwaysCarry() {
    JsonNode doc = api.get("/api/openapi.json", null).json();
    JsonNode auth = api.register("holes@example.com", "password-123", "空欄");
    String token = auth.path("accessToken").asText();
    long id = api.createVideo(token, Map.of("title", "無縮圖"), false);
    JsonNode draft = api.get("/api/v1/videos/" + id, token).json();
    assertThat(draft.has("categoryId") || draft.has("publishedAt") || draft.has("thumbnailUrl"))
        .isFalse();
    assertThat(draft.path("owner").has("thumbnailKey")).isFalse();
    api.post("/api/v1/videos/" + id + "/toggle-publish", null, token);
    JsonNode published = api.get("/api/v1/videos/" + id, null).json();
    assertThat(published.has("owner")).isFalse();

    assertThat(OpenApiContract.missingRequired(doc, "AuthResponse", auth)).isEmpty();
    assertThat(OpenApiContract.missingRequired(doc, "VideoCard", draft)).isEmpty();
    assertThat(OpenApiContract.missingRequired(doc, "VideoCard", published)).isEmpty();
    Map<String, List<String>> holes =
        Map.of(
            "NotificationView",
            List.of("videoId", "videoTitle", "thumbnailUrl", "channelId", "actorUserId", "detail"),
            "DonationView",
            List.of("fromUserId", "fromName", "videoId", "paidAt"),
            "MembershipView",
            List.of("currentPeriodEnd", "cancelAt", "endsAt", "since"),
            "CheckoutResponse",
            List.of("donationId", "clientToken"),
            "ChannelView",
            List.of("membershipPrice", "currency"),
            "FeedItem",
            List.of("thumbnailUrl"),
            "DashboardVideoView",
            List.of("publishedAt"),
            "UserView",
            List.of("channelId"));
    holes.forEach(
        (schema, absent) -> {
          JsonNode s = doc.path("components").path("schemas").path(schema);
          List<String> required = new ArrayList<>();
          s.path("required").forEach(r -> required.add(r.asText()));
          assertThat(required).as(schema).isNotEmpty().doesNotContainAnyElementsOf(absent);
          assertThat(absent).as(schema).allMatch(name -> s.path("properties").has(name));
        });
  }

  @Test
  void requestIdIsEchoedOrMinted() {
    assertThat(
            api.send("GET", "/healthz", null, null, Map.of("X-Request-Id", "abc-123"))
                .header("X-Request-Id"))
        .isEqualTo("abc-123");
    assertThat(
            api.send("GET", "/healthz", null, null, Map.of("X-Request-Id", "bad id\u00e9"))
                .header("X-Request-Id"))
        .hasSize(36);
  }

  @Test
  void corsAllowsOnlyTheConfiguredOrigins() {
    ApiClient.Response preflight =
        api.send(
            "OPTIONS",
            "/api/v1/auth/login",
            null,
            null,
            Map.of("Origin", "http://localhost:5173", "Access-Control-Request-Method", "POST"));
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo("http://localhost:5173");
    assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
    ApiClient.Response foreign =
        api.send("GET", "/healthz", null, null, Map.of("Origin", "https://evil.example"));
    assertThat(foreign.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void theWebAppIsServedAtTheRoot() {
    ApiClient.Response page = api.send("GET", "/", null, null, Map.of("Accept", "text/html"));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.raw().body()).contains("FenzVideo");
    ApiClient.Response deepLink =
        api.send("GET", "/videos/42", null, null, Map.of("Accept", "text/html"));
    assertThat(deepLink.status()).as("client-side routes get the app shell").isEqualTo(200);
    assertThat(deepLink.raw().body()).contains("FenzVideo");
  }
}
