package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.MutableClock;
import io.fenz.testing.Sql;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad input gets a clear 4xx problem+json and writes nothing. */
@WithFenzServices
class BadInputApiTest {
  private static final String REGISTER = "/api/v1/auth/register";
  private static final MutableClock CLOCK = MutableClock.startingNow();

  @RegisterExtension
  static final TestApp app = TestApp.perClass(Map.of("FENZ_MAX_JSON_BODY", "4k"), CLOCK);

  private static final ApiClient api = app.api;

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "malformed JSON          | {\"email\": \"a@b.co\",                                                        | 400 | invalid_request",
        "array body              | []                                                                           | 400 | invalid_request",
        "string body             | \"hello\"                                                                    | 400 | invalid_request",
        "number for string       | {\"email\": 5, \"password\": \"password-1\", \"displayName\": \"x\"}         | 400 | invalid_request",
        "object for string       | {\"email\": {}, \"password\": \"password-1\", \"displayName\": \"x\"}        | 400 | invalid_request",
        "trailing garbage        | {\"email\": \"a@b.co\"} xyz                                                  | 400 | invalid_request",
        "duplicate key           | {\"email\": \"a@b.co\", \"email\": \"c@d.co\"}                               | 400 | invalid_request",
        "empty object            | {}                                                                           | 422 | validation_failed",
        "invalid email           | {\"email\": \"not-an-email\", \"password\": \"password-1\", \"displayName\": \"x\"} | 422 | validation_failed",
        "weak password           | {\"email\": \"weak@b.co\", \"password\": \"short\", \"displayName\": \"x\"}  | 422 | validation_failed",
        "blank display name      | {\"email\": \"blank@b.co\", \"password\": \"password-1\", \"displayName\": \"   \"} | 422 | validation_failed",
      })
  void registerRejects(String name, String body, int status, String code) throws Exception {
    ApiClient.Response r = api.send("POST", REGISTER, body.strip(), null, Map.of());
    assertThat(r.status()).as(name).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.code()).isEqualTo(code);
    assertThat(r.json().path("status").asInt()).isEqualTo(status);
    assertThat(r.json().path("title").asText()).isNotBlank();
    assertThat(userCount()).isZero();
  }

  @Test
  void emptyBodyAndUnknownFieldsAndOverLongValues() throws Exception {
    assertThat(api.send("POST", REGISTER, "", null, Map.of()).code()).isEqualTo("invalid_request");

    ApiClient.Response tooLong =
        api.post(
            REGISTER,
            Map.of("email", "long@b.co", "password", "password-1", "displayName", "x".repeat(51)),
            null);
    assertThat(tooLong.status()).isEqualTo(422);
    JsonNode error = tooLong.json().path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo("displayName");
    assertThat(error.path("code").asText()).isEqualTo("too_long");

    ApiClient.Response tooLongPassword =
        api.post(
            REGISTER,
            Map.of("email", "long@b.co", "password", "密".repeat(25), "displayName", "x"),
            null);
    assertThat(tooLongPassword.status()).as("bcrypt would truncate past 72 bytes").isEqualTo(422);

    ApiClient.Response all =
        api.post(REGISTER, Map.of("email", "nope", "password", "1", "displayName", ""), null);
    assertThat(all.json().path("errors")).hasSize(3);

    ApiClient.Response huge =
        api.send("POST", REGISTER, "{\"email\": \"" + "a".repeat(5000) + "\"}", null, Map.of());
    assertThat(huge.status()).isEqualTo(413);
    assertThat(huge.code()).isEqualTo("payload_too_large");
    assertThat(userCount()).isZero();

    ApiClient.Response unknownField =
        api.post(
            REGISTER,
            Map.of(
                "email",
                "tolerant@example.com",
                "password",
                "password-1",
                "displayName",
                "Tolerant",
                "role",
                "ADMIN",
                "nickname",
                "x"),
            null);
    assertThat(unknownField.status()).isEqualTo(201);
    assertThat(unknownField.json().path("user").path("role").asText()).isEqualTo("USER");
  }

  @Test
  void badTokensAre401AndNeverA500() {
    JsonNode auth = api.register("tokens@example.com", "password-123", "Tokens");
    String valid = auth.path("accessToken").asText();
    String header = valid.substring(0, valid.indexOf('.'));
    String payload = valid.substring(valid.indexOf('.') + 1, valid.lastIndexOf('.'));
    String noneHeader =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String forgedSecret =
        JWT.create()
            .withIssuer("fenz")
            .withSubject("1")
            .withClaim("role", "ADMIN")
            .withClaim("typ", "access")
            .withExpiresAt(new Date(System.currentTimeMillis() + 60_000))
            .sign(Algorithm.HMAC256("an-attacker-secret-of-enough-length!!"));
    for (String bad :
        new String[] {
          "garbage",
          noneHeader + "." + payload + ".",
          header + "." + payload + ".c2lnbmF0dXJl",
          forgedSecret,
          valid + "x"
        }) {
      ApiClient.Response r = api.get("/api/v1/me", bad);
      assertThat(r.status()).as(bad).isEqualTo(401);
      assertThat(r.code()).isEqualTo("invalid_token");
      assertThat(r.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
    assertThat(
            api.send("GET", "/api/v1/me", null, null, Map.of("Authorization", "Basic dXNlcjpwYXNz"))
                .status())
        .isEqualTo(401);
    assertThat(api.get("/api/v1/me", null).code()).isEqualTo("authentication_required");

    assertThat(api.get("/api/v1/me", valid).status()).isEqualTo(200);
    CLOCK.advance(Duration.ofHours(25));
    try {
      assertThat(api.get("/api/v1/me", valid).code())
          .as("expired after 24h")
          .isEqualTo("invalid_token");
    } finally {
      CLOCK.advance(Duration.ofHours(-25));
    }
  }

  @Test
  void badPathAndQueryAndUnknownRoutes() {
    String userToken =
        api.register("notadmin@example.com", "password-123", "Not admin")
            .path("accessToken")
            .asText();
    assertThat(api.get("/api/v1/admin/users/abc", userToken).status())
        .as("access is checked before input")
        .isEqualTo(403);
    assertThat(api.get("/api/v1/admin/users", userToken).status()).isEqualTo(403);
    String token =
        api.register("badpath-admin@example.com", "password-123", "Admin")
            .path("accessToken")
            .asText();
    Sql.execute(
        app.env(), "UPDATE users SET role = 'ADMIN' WHERE email = 'badpath-admin@example.com'");
    assertThat(api.get("/api/v1/admin/users/abc", token).code()).isEqualTo("invalid_request");
    assertThat(api.get("/api/v1/admin/users/-5", token).code()).isEqualTo("invalid_request");
    assertThat(api.get("/api/v1/admin/users?pageSize=-1", token).code())
        .isEqualTo("invalid_request");
    ApiClient.Response missing = api.get("/api/v1/no-such-thing", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.code()).isEqualTo("not_found");
  }

  /** Rejected bodies all use @b.co addresses; other tests register @example.com ones. */
  private static long userCount() {
    return Sql.count(app.env(), "SELECT COUNT(*) FROM users WHERE email LIKE '%@b.co'");
  }
}
