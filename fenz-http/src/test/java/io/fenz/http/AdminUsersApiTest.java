package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.Sql;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@WithFenzServices
class AdminUsersApiTest {
  @RegisterExtension static final TestApp app = TestApp.perClass();
  private static final ApiClient api = app.api;
  private static String rootToken;
  private static long rootId;

  @BeforeAll
  static void start(TestEnvironment env) throws Exception {
    api.register("root@example.com", "root-password-1", "Root");
    Sql.execute(env, "UPDATE users SET role = 'ADMIN' WHERE email = 'root@example.com'");
    JsonNode login =
        api.post(
                "/api/v1/auth/login",
                Map.of("email", "root@example.com", "password", "root-password-1"),
                null)
            .json();
    rootToken = login.path("accessToken").asText();
    rootId = login.path("user").path("id").asLong();
  }

  @Test
  void adminCreatesListsFiltersAndEditsUsers() {
    ApiClient.Response created =
        api.post(
            "/api/v1/admin/users",
            Map.of(
                "email",
                "made@example.com",
                "password",
                "password-123",
                "displayName",
                "Made by admin",
                "role",
                "USER"),
            rootToken);
    assertThat(created.status()).isEqualTo(201);
    long id = created.json().path("id").asLong();

    ApiClient.Response filtered =
        api.get("/api/v1/admin/users?q=made&role=user&pageSize=5", rootToken);
    assertThat(filtered.status()).isEqualTo(200);
    assertThat(filtered.json().path("total").asLong()).isEqualTo(1);
    assertThat(filtered.json().path("pageSize").asInt()).isEqualTo(5);
    assertThat(filtered.json().path("items").get(0).path("email").asText())
        .isEqualTo("made@example.com");

    ApiClient.Response edited =
        api.patch(
            "/api/v1/admin/users/" + id,
            Map.of("displayName", "Renamed", "role", "ADMIN"),
            rootToken);
    assertThat(edited.status()).isEqualTo(200);
    assertThat(edited.json().path("role").asText()).isEqualTo("ADMIN");
    assertThat(api.get("/api/v1/admin/users?role=ADMIN", rootToken).json().path("total").asLong())
        .isEqualTo(2);
    assertThat(
            api.patch("/api/v1/admin/users/" + id, Map.of("email", "root@example.com"), rootToken)
                .code())
        .isEqualTo("email_taken");
    assertThat(api.patch("/api/v1/admin/users/" + id, Map.of("role", "OWNER"), rootToken).status())
        .isEqualTo(400);
    assertThat(api.patch("/api/v1/admin/users/" + id, Map.of("role", "USER"), rootToken).status())
        .isEqualTo(200);
    assertThat(api.get("/api/v1/admin/users/999999", rootToken).code()).isEqualTo("user_not_found");
    assertThat(api.get("/api/v1/admin/users?q=100%25_!", rootToken).json().path("total").asLong())
        .isZero();
  }

  @Test
  void hideEndsSessionsAndBlocksLoginUntilRestored() {
    JsonNode user = api.register("hide-me@example.com", "password-123", "Hide me");
    long id = user.path("user").path("id").asLong();
    String access = user.path("accessToken").asText();

    ApiClient.Response hidden = api.post("/api/v1/admin/users/" + id + "/hide", null, rootToken);
    assertThat(hidden.status()).isEqualTo(200);
    assertThat(hidden.json().path("hidden").asBoolean()).isTrue();
    assertThat(api.get("/api/v1/me", access).code()).isEqualTo("account_unavailable");
    assertThat(
            api.post(
                    "/api/v1/auth/refresh",
                    Map.of("refreshToken", user.path("refreshToken").asText()),
                    null)
                .status())
        .isEqualTo(401);
    assertThat(
            api.post(
                    "/api/v1/auth/login",
                    Map.of("email", "hide-me@example.com", "password", "password-123"),
                    null)
                .code())
        .isEqualTo("account_hidden");
    assertThat(api.get("/api/v1/admin/users?hidden=true", rootToken).json().path("total").asLong())
        .isEqualTo(1);

    assertThat(
            api.post("/api/v1/admin/users/" + id + "/restore", null, rootToken)
                .json()
                .path("hidden")
                .asBoolean())
        .isFalse();
    assertThat(
            api.post(
                    "/api/v1/auth/login",
                    Map.of("email", "hide-me@example.com", "password", "password-123"),
                    null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void adminCannotHideOrDeleteItselfAndTheLastAdminStays() {
    assertThat(api.post("/api/v1/admin/users/" + rootId + "/hide", null, rootToken).code())
        .isEqualTo("cannot_delete_self");
    assertThat(api.delete("/api/v1/admin/users/" + rootId, rootToken).code())
        .isEqualTo("cannot_delete_self");
    ApiClient.Response demoteSelf =
        api.patch("/api/v1/admin/users/" + rootId, Map.of("role", "USER"), rootToken);
    assertThat(demoteSelf.status()).isEqualTo(409);
    assertThat(demoteSelf.code()).isEqualTo("last_admin");
    assertThat(api.get("/api/v1/me", rootToken).json().path("role").asText()).isEqualTo("ADMIN");
  }

  @Test
  void deleteRemovesTheUserAndItsChannel() {
    JsonNode user = api.register("delete-me@example.com", "password-123", "Delete me");
    long id = user.path("user").path("id").asLong();
    assertThat(api.delete("/api/v1/admin/users/" + id, rootToken).status()).isEqualTo(204);
    assertThat(api.get("/api/v1/admin/users/" + id, rootToken).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/me", user.path("accessToken").asText()).status()).isEqualTo(401);
    assertThat(api.delete("/api/v1/admin/users/" + id, rootToken).status()).isEqualTo(404);
  }

  @Test
  void nonAdminsAndDemotedAdminsAreRefused() {
    JsonNode user = api.register("plain@example.com", "password-123", "Plain");
    String token = user.path("accessToken").asText();
    assertThat(api.get("/api/v1/admin/users", token).code()).isEqualTo("admin_only");
    assertThat(
            api.post(
                    "/api/v1/admin/users",
                    Map.of(
                        "email", "x@example.com", "password", "password-123", "displayName", "x"),
                    token)
                .status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/admin/users", null).status()).isEqualTo(401);

    long id = user.path("user").path("id").asLong();
    api.patch("/api/v1/admin/users/" + id, Map.of("role", "ADMIN"), rootToken);
    JsonNode promoted =
        api.post(
                "/api/v1/auth/login",
                Map.of("email", "plain@example.com", "password", "password-123"),
                null)
            .json();
    String adminToken = promoted.path("accessToken").asText();
    assertThat(api.get("/api/v1/admin/users", adminToken).status()).isEqualTo(200);
    api.patch("/api/v1/admin/users/" + id, Map.of("role", "USER"), rootToken);
    assertThat(api.get("/api/v1/admin/users", adminToken).status())
        .as("role is read from the database, not the token")
        .isEqualTo(403);
  }
}
