package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every USER/ADMIN operation of the served OpenAPI document refuses callers its declared access
 * does not allow.
 */
@WithFenzServices
class AccessEnforcementTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  @RegisterExtension static final TestApp app = TestApp.perClass(Map.of(), CLOCK);
  private static final ApiClient api = app.api;

  record Operation(String method, String path, String access) {}

  @Test
  void everyUserAndAdminRouteRefusesNoTokenAnExpiredTokenAndAUserOnAdminRoutes() {
    List<Operation> guarded = guardedOperations();
    assertThat(guarded).extracting(Operation::access).contains("user", "admin");
    String userToken =
        api.register("walker@example.com", "password-123", "Walker").path("accessToken").asText();
    String soonExpired =
        api.register("expired@example.com", "password-123", "Expired").path("accessToken").asText();

    for (Operation op : guarded) {
      for (String method :
          op.method().equals("GET") ? List.of("GET", "HEAD") : List.of(op.method())) {
        ApiClient.Response none = call(method, op.path(), null);
        assertThat(none.status()).as("%s %s without a token", method, op.path()).isEqualTo(401);
        if (!method.equals("HEAD")) {
          assertThat(none.code())
              .as("%s %s", method, op.path())
              .isEqualTo("authentication_required");
        }
        if (op.access().equals("admin")) {
          ApiClient.Response user = call(method, op.path(), userToken);
          assertThat(user.status())
              .as("%s %s with a user's token", method, op.path())
              .isEqualTo(403);
        }
      }
    }
    CLOCK.advance(Duration.ofHours(25));
    try {
      for (Operation op : guarded) {
        ApiClient.Response expired = call(op.method(), op.path(), soonExpired);
        assertThat(expired.status())
            .as("%s %s with an expired token", op.method(), op.path())
            .isEqualTo(401);
        assertThat(expired.code()).isEqualTo("invalid_token");
      }
    } finally {
      CLOCK.advance(Duration.ofHours(-25));
    }
  }

  @Test
  void headRunsTheSameChecksAsGet() {
    assertThat(call("HEAD", "/api/v1/me", null).status()).isEqualTo(401);
    assertThat(call("HEAD", "/api/v1/videos/1/stream?viewer=x&exp=1&sig=bad", null).status())
        .isIn(401, 403);
    assertThat(
            call(
                    "HEAD",
                    "/api/v1/admin/users/abc",
                    api.register("header@example.com", "password-123", "H")
                        .path("accessToken")
                        .asText())
                .status())
        .isEqualTo(403);
    assertThat(call("HEAD", "/healthz", null).status()).isEqualTo(200);
  }

  private static List<Operation> guardedOperations() {
    JsonNode paths = api.get("/api/openapi.json", null).json().path("paths");
    List<Operation> operations = new ArrayList<>();
    paths
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        op -> {
                          String access = op.getValue().path("x-access").asText();
                          if (access.equals("user") || access.equals("admin")) {
                            operations.add(
                                new Operation(
                                    op.getKey().toUpperCase(Locale.ROOT),
                                    path.getKey().replaceAll("\\{[^}]+}", "1"),
                                    access));
                          }
                        }));
    return operations;
  }

  /**
   * A JSON body for writes, so a route that parsed before checking access would answer 4xx other
   * than 401/403.
   */
  private static ApiClient.Response call(String method, String path, String token) {
    String body =
        method.equals("GET") || method.equals("HEAD") || method.equals("DELETE") ? null : "{}";
    return api.send(method, path, body, token, Map.of());
  }
}
