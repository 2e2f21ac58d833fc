package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@WithFenzServices
class AuthApiTest {
  @RegisterExtension
  static final TestApp app = TestApp.perClass(Map.of("FENZ_LOGIN_MAX_FAILURES", "3"));

  private static final ApiClient api = app.api;

  @Test
  void registerCreatesUserAndChannelAndSignsIn() throws Exception {
    JsonNode auth = api.register("Mei@Example.com ", "correct horse", "林小美");
    assertThat(auth.path("user").path("email").asText()).isEqualTo("mei@example.com");
    assertThat(auth.path("user").path("role").asText()).isEqualTo("USER");
    assertThat(auth.path("user").has("passwordHash")).isFalse();
    assertThat(auth.path("refreshToken").asText()).isNotBlank();
    long channelId = auth.path("user").path("channelId").asLong();
    assertThat(channelId).isPositive();

    ApiClient.Response me = api.get("/api/v1/me", auth.path("accessToken").asText());
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().path("displayName").asText()).isEqualTo("林小美");
    assertThat(me.json().path("channelId").asLong()).isEqualTo(channelId);
    try (var c = DriverManager.getConnection(app.env().jdbcUrl());
        var rs =
            c.createStatement().executeQuery("SELECT name FROM channels WHERE id = " + channelId)) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("林小美");
    }
  }

  @Test
  void duplicateEmailIsConflictEvenUnderConcurrentRegistration() throws Exception {
    List<Callable<Integer>> attempts = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      attempts.add(
          () ->
              api.post(
                      "/api/v1/auth/register",
                      Map.of(
                          "email",
                          "race@example.com",
                          "password",
                          "password-123",
                          "displayName",
                          "Racer"),
                      null)
                  .status());
    }
    List<Integer> statuses = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(6)) {
      for (Future<Integer> f : pool.invokeAll(attempts)) {
        statuses.add(f.get());
      }
    }
    assertThat(statuses).containsOnly(201, 409).filteredOn(s -> s == 201).hasSize(1);
    ApiClient.Response again =
        api.post(
            "/api/v1/auth/register",
            Map.of("email", "RACE@example.com", "password", "password-123", "displayName", "Racer"),
            null);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.code()).isEqualTo("email_taken");
    try (var c = DriverManager.getConnection(app.env().jdbcUrl());
        var rs =
            c.createStatement()
                .executeQuery(
                    "SELECT COUNT(*) FROM users u JOIN channels ch ON ch.user_id = u.id WHERE u.email = 'race@example.com'")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void loginAnswersTheSameForUnknownEmailAndWrongPassword() {
    api.register("login@example.com", "password-123", "Login");
    ApiClient.Response wrong =
        api.post(
            "/api/v1/auth/login",
            Map.of("email", "login@example.com", "password", "nope-nope-1"),
            null);
    ApiClient.Response unknown =
        api.post(
            "/api/v1/auth/login",
            Map.of("email", "ghost@example.com", "password", "nope-nope-1"),
            null);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.code()).isEqualTo("invalid_credentials");
    assertThat(unknown.json().path("detail")).isEqualTo(wrong.json().path("detail"));
    assertThat(wrong.contentType()).startsWith("application/problem+json");

    ApiClient.Response ok =
        api.post(
            "/api/v1/auth/login",
            Map.of("email", "LOGIN@example.com", "password", "password-123"),
            null);
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().path("accessToken").asText()).isNotBlank();
  }

  @Test
  void repeatedFailuresAreThrottledWithRetryAfterPerEmailAndAddress() {
    api.register("throttle@example.com", "password-123", "Throttle");
    for (int i = 0; i < 3; i++) {
      assertThat(
              api.post(
                      "/api/v1/auth/login",
                      Map.of("email", "throttle@example.com", "password", "wrong-pass-" + i),
                      null)
                  .status())
          .isEqualTo(401);
    }
    ApiClient.Response blocked =
        api.post(
            "/api/v1/auth/login",
            Map.of("email", "throttle@example.com", "password", "password-123"),
            null);
    assertThat(blocked.status()).isEqualTo(429);
    assertThat(blocked.code()).isEqualTo("rate_limited");
    assertThat(Long.parseLong(blocked.header("Retry-After"))).isBetween(1L, 15 * 60L);
    // Another account from the same address is not locked out.
    api.register("other@example.com", "password-123", "Other");
    assertThat(
            api.post(
                    "/api/v1/auth/login",
                    Map.of("email", "other@example.com", "password", "password-123"),
                    null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void refreshRotatesAndReuseRevokesTheWholeFamily() {
    JsonNode auth = api.register("rotate@example.com", "password-123", "Rotate");
    String first = auth.path("refreshToken").asText();
    ApiClient.Response second =
        api.post("/api/v1/auth/refresh", Map.of("refreshToken", first), null);
    assertThat(second.status()).isEqualTo(200);
    String secondToken = second.json().path("refreshToken").asText();
    assertThat(secondToken).isNotEqualTo(first);
    assertThat(api.get("/api/v1/me", second.json().path("accessToken").asText()).status())
        .isEqualTo(200);

    ApiClient.Response third =
        api.post("/api/v1/auth/refresh", Map.of("refreshToken", secondToken), null);
    assertThat(third.status()).isEqualTo(200);
    String thirdToken = third.json().path("refreshToken").asText();

    // `first`'s successor was rotated in turn: presenting `first` again is theft, not a second tab.
    ApiClient.Response reuse =
        api.post("/api/v1/auth/refresh", Map.of("refreshToken", first), null);
    assertThat(reuse.status()).isEqualTo(401);
    assertThat(reuse.code()).isEqualTo("refresh_token_reused");
    // The thief's reuse also kills the legitimate descendant and its access token.
    ApiClient.Response descendant =
        api.post("/api/v1/auth/refresh", Map.of("refreshToken", thirdToken), null);
    assertThat(descendant.status()).isEqualTo(401);
    assertThat(api.get("/api/v1/me", third.json().path("accessToken").asText()).code())
        .isEqualTo("session_revoked");

    ApiClient.Response garbage =
        api.post("/api/v1/auth/refresh", Map.of("refreshToken", "not-a-token"), null);
    assertThat(garbage.status()).isEqualTo(401);
    assertThat(garbage.code()).isEqualTo("invalid_refresh_token");
  }

  @Test
  void logoutRevokesTheRefreshToken() {
    JsonNode auth = api.register("logout@example.com", "password-123", "Logout");
    String access = auth.path("accessToken").asText();
    String refresh = auth.path("refreshToken").asText();
    assertThat(api.post("/api/v1/auth/logout", Map.of("refreshToken", refresh), null).status())
        .isEqualTo(401);
    assertThat(api.post("/api/v1/auth/logout", Map.of("refreshToken", refresh), access).status())
        .isEqualTo(204);
    assertThat(api.post("/api/v1/auth/refresh", Map.of("refreshToken", refresh), null).status())
        .isEqualTo(401);
    // The session's access token ended with it.
    assertThat(api.post("/api/v1/auth/logout", Map.of("refreshToken", refresh), access).code())
        .isEqualTo("session_revoked");
  }

  @Test
  void profileAndPasswordChanges() {
    JsonNode auth = api.register("profile@example.com", "password-123", "Before");
    String access = auth.path("accessToken").asText();
    ApiClient.Response patched =
        api.patch(
            "/api/v1/me", Map.of("displayName", "  After  ", "role", "ADMIN", "id", 999), access);
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.json().path("displayName").asText()).isEqualTo("After");
    assertThat(patched.json().path("role").asText()).isEqualTo("USER");

    ApiClient.Response wrongCurrent =
        api.put(
            "/api/v1/me/password",
            Map.of("currentPassword", "nope-nope", "newPassword", "new-password-1"),
            access);
    assertThat(wrongCurrent.status()).isEqualTo(422);
    assertThat(wrongCurrent.json().path("errors").get(0).path("code").asText())
        .isEqualTo("wrong_password");

    ApiClient.Response weak =
        api.put(
            "/api/v1/me/password",
            Map.of("currentPassword", "password-123", "newPassword", "short"),
            access);
    assertThat(weak.status()).isEqualTo(422);
    assertThat(weak.json().path("errors").get(0).path("field").asText()).isEqualTo("newPassword");

    ApiClient.Response changed =
        api.put(
            "/api/v1/me/password",
            Map.of("currentPassword", "password-123", "newPassword", "new-password-1"),
            access);
    assertThat(changed.status()).isEqualTo(200);
    assertThat(
            api.post(
                    "/api/v1/auth/refresh",
                    Map.of("refreshToken", auth.path("refreshToken").asText()),
                    null)
                .status())
        .isEqualTo(401);
    assertThat(
            api.post(
                    "/api/v1/auth/refresh",
                    Map.of("refreshToken", changed.json().path("refreshToken").asText()),
                    null)
                .status())
        .isEqualTo(200);
    assertThat(
            api.post(
                    "/api/v1/auth/login",
                    Map.of("email", "profile@example.com", "password", "password-123"),
                    null)
                .status())
        .isEqualTo(401);
    assertThat(
            api.post(
                    "/api/v1/auth/login",
                    Map.of("email", "profile@example.com", "password", "new-password-1"),
                    null)
                .status())
        .isEqualTo(200);
  }
}
