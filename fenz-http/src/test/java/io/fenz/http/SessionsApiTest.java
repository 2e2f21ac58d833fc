package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.Media;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Access tokens die with their account or session, at once and in every process; tabs may share a
 * refresh.
 */
@WithFenzServices
class SessionsApiTest {
  private static final Map<String, String> CONFIG = Map.of("FENZ_REFRESH_REUSE_WINDOW", "2s");
  private static TestEnvironment env;

  @RegisterExtension static final TestApp app = TestApp.perClass(CONFIG);
  private static final ApiClient api = app.api;
  private static TestApp otherProcess;

  @BeforeAll
  static void start(TestEnvironment environment) {
    env = environment;
    otherProcess = TestApp.start(environment, CONFIG, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    otherProcess.close();
  }

  @Test
  void aHiddenAccountsTokenStopsOnEveryRouteAndStaysDeadAfterARestore() {
    String admin = admin("sessions-admin@example.com");
    JsonNode user = api.register("hidden-later@example.com", "password-123", "Hidden later");
    String token = user.path("accessToken").asText();
    long userId = user.path("user").path("id").asLong();
    long videoId =
        api.createVideo(
            token,
            Map.of("title", "Before hiding", "description", "", "categoryId", 2, "accessTier", 0),
            false);
    assertThat(api.post("/api/v1/admin/users/" + userId + "/hide", null, admin).status())
        .isEqualTo(200);

    assertUnavailable(token, "account_unavailable", videoId);
    assertThat(api.post("/api/v1/admin/users/" + userId + "/restore", null, admin).status())
        .isEqualTo(200);
    assertThat(api.get("/api/v1/me", token).code())
        .as("hiding ended its sessions")
        .isEqualTo("session_revoked");
    assertThat(
            api.post(
                    "/api/v1/auth/login",
                    Map.of("email", "hidden-later@example.com", "password", "password-123"),
                    null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void aDeletedAccountsTokenIs401EvenOnGuestRoutes() {
    JsonNode user = api.register("deleted-later@example.com", "password-123", "Deleted later");
    String token = user.path("accessToken").asText();
    long videoId =
        api.createVideo(
            token,
            Map.of("title", "Before deleting", "description", "", "categoryId", 2, "accessTier", 0),
            false);
    assertThat(api.delete("/api/v1/me", token).status()).isEqualTo(204);
    ApiClient.Response tags = api.put("/api/v1/me/tags", Map.of("tagIds", List.of()), token);
    assertThat(tags.status()).as("was a 500 (foreign key)").isEqualTo(401);
    assertThat(tags.code()).isEqualTo("account_unavailable");
    assertUnavailable(token, "account_unavailable", videoId);
  }

  @Test
  void logoutEndsThatSessionOnlyAndPasswordChangeEndsEveryOther() {
    api.register("two-devices@example.com", "password-123", "Two devices");
    JsonNode laptop = login("two-devices@example.com", "password-123");
    JsonNode phone = login("two-devices@example.com", "password-123");
    String laptopToken = laptop.path("accessToken").asText();
    long videoId =
        api.createVideo(
            laptopToken,
            Map.of("title", "Mine", "description", "", "categoryId", 2, "accessTier", 0),
            false);

    assertThat(
            api.post(
                    "/api/v1/auth/logout",
                    Map.of("refreshToken", laptop.path("refreshToken").asText()),
                    laptopToken)
                .status())
        .isEqualTo(204);
    assertUnavailable(laptopToken, "session_revoked", videoId);
    String phoneToken = phone.path("accessToken").asText();
    assertThat(api.get("/api/v1/me", phoneToken).status())
        .as("the other session goes on")
        .isEqualTo(200);

    JsonNode tablet = login("two-devices@example.com", "password-123");
    ApiClient.Response changed =
        api.put(
            "/api/v1/me/password",
            Map.of("currentPassword", "password-123", "newPassword", "password-456"),
            tablet.path("accessToken").asText());
    assertThat(changed.status()).isEqualTo(200);
    assertUnavailable(phoneToken, "session_revoked", videoId);
    assertUnavailable(tablet.path("accessToken").asText(), "session_revoked", videoId);
    assertThat(api.get("/api/v1/me", changed.json().path("accessToken").asText()).status())
        .isEqualTo(200);
  }

  @Test
  void anotherProcessHearsOfTheEndWithoutWaitingForTheToken() throws Exception {
    JsonNode user = api.register("other-process@example.com", "password-123", "Other process");
    String token = user.path("accessToken").asText();
    assertThat(otherProcess.api.get("/api/v1/me", token).status())
        .as("its copy of the account is warm")
        .isEqualTo(200);
    assertThat(
            api.post(
                    "/api/v1/auth/logout",
                    Map.of("refreshToken", user.path("refreshToken").asText()),
                    token)
                .status())
        .isEqualTo(204);
    String code = null;
    for (int i = 0; i < 50 && !"session_revoked".equals(code); i++) {
      Thread.sleep(20);
      code = otherProcess.api.get("/api/v1/me", token).code();
    }
    assertThat(code).isEqualTo("session_revoked");
  }

  @Test
  void tabsRefreshingOneTokenAtOnceAllStaySignedIn() throws Exception {
    JsonNode auth = api.register("eight-tabs@example.com", "password-123", "Tabs");
    String refresh = auth.path("refreshToken").asText();
    CyclicBarrier together = new CyclicBarrier(8);
    List<Callable<ApiClient.Response>> tabs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tabs.add(
          () -> {
            together.await();
            return api.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh), null);
          });
    }
    List<ApiClient.Response> answers = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (Future<ApiClient.Response> answer : pool.invokeAll(tabs)) {
        answers.add(answer.get());
      }
    }
    assertThat(answers).extracting(ApiClient.Response::status).containsOnly(200);
    assertThat(answers)
        .extracting(r -> r.json().path("refreshToken").asText())
        .containsOnly(answers.get(0).json().path("refreshToken").asText());
    for (ApiClient.Response answer : answers) {
      assertThat(api.get("/api/v1/me", answer.json().path("accessToken").asText()).status())
          .isEqualTo(200);
    }
    String successor = answers.get(0).json().path("refreshToken").asText();

    Thread.sleep(2_100); // past FENZ_REFRESH_REUSE_WINDOW: presenting the old token again is theft
    ApiClient.Response late =
        api.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh), null);
    assertThat(late.code()).isEqualTo("refresh_token_reused");
    assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", successor), null).status())
        .isEqualTo(401);
  }

  /** Writes and reads a signed-in user makes all answer 401 {@code code}. */
  private static void assertUnavailable(String token, String code, long ownVideoId) {
    List<ApiClient.Response> answers =
        List.of(
            api.get("/api/v1/me", token),
            api.sendBytes("POST", "/api/v1/upload/video", Media.sampleMp4(), "video/mp4", token),
            api.post("/api/v1/videos", Map.of("title", "t"), token),
            api.patch("/api/v1/videos/" + ownVideoId, Map.of("title", "t"), token),
            api.post("/api/v1/videos/" + ownVideoId + "/toggle-publish", null, token),
            api.post("/api/v1/videos/" + ownVideoId + "/views", null, token),
            api.get("/api/v1/videos/" + ownVideoId + "/playback", token),
            api.get("/api/v1/videos/recommended", token));
    for (ApiClient.Response answer : answers) {
      assertThat(answer.status())
          .as(answer.raw().request().method() + " " + answer.raw().uri())
          .isEqualTo(401);
      assertThat(answer.code()).as(answer.raw().uri().toString()).isEqualTo(code);
    }
  }

  private static JsonNode login(String email, String password) {
    ApiClient.Response r =
        api.post("/api/v1/auth/login", Map.of("email", email, "password", password), null);
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private static String admin(String email) {
    String token = api.register(email, "password-123", "Admin").path("accessToken").asText();
    Sql.execute(env, "UPDATE users SET role = 'ADMIN' WHERE email = '" + email + "'");
    return token;
  }
}
