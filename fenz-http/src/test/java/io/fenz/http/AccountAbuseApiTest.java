package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One account is one throttle whatever its spelling, and one address can't hammer sign-in. */
@WithFenzServices
class AccountAbuseApiTest {
  private static final String LOGIN = "/api/v1/auth/login";

  @RegisterExtension
  static final TestApp app =
      TestApp.perClass(
          Map.of("FENZ_LOGIN_MAX_FAILURES", "5", "FENZ_AUTH_ATTEMPTS_PER_MINUTE", "1000"));

  private static TestApp strict;
  private static final ApiClient api = app.api;

  @BeforeAll
  static void start(TestEnvironment environment) {
    // Its own key prefix: the other app's attempts from this address must not count here.
    strict =
        TestApp.start(
            environment,
            Map.of(
                "FENZ_AUTH_ATTEMPTS_PER_MINUTE",
                "4",
                "FENZ_REDIS_KEY_PREFIX",
                environment.redisKeyPrefix() + "strict:"),
            Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    strict.close();
  }

  @Test
  void lookAlikeSpellingsShareOneThrottleAndOneAccount() {
    api.register("target@example.com", "right-password", "Target");
    String[] spellings = {
      "TARGET@example.com",
      "tar\u200bget@example.com",
      "ｔarget@example.com",
      "target\u00ad@example.com",
      "ＴＡＲＧＥＴ@example.com"
    };
    for (String spelling : spellings) {
      assertThat(api.post(LOGIN, Map.of("email", spelling, "password", "wrong-guess"), null).code())
          .as(spelling)
          .isEqualTo("invalid_credentials");
    }
    for (String spelling : spellings) {
      ApiClient.Response blocked =
          api.post(LOGIN, Map.of("email", spelling, "password", "right-password"), null);
      assertThat(blocked.status())
          .as("%s after 5 failures on the account", spelling)
          .isEqualTo(429);
      assertThat(blocked.header("Retry-After")).isNotNull();
    }
    // Another letter is another address: no such account, and no way into the target's.
    assertThat(
            api.post(
                    LOGIN,
                    Map.of("email", "tárget@example.com", "password", "right-password"),
                    null)
                .code())
        .isEqualTo("invalid_credentials");
  }

  @Test
  void registrationRefusesASpellingOfAnExistingAccount() {
    api.register("dup@example.com", "password-123", "Dup");
    ApiClient.Response fullwidth =
        api.post(
            "/api/v1/auth/register",
            Map.of("email", "ＤＵＰ@example.com", "password", "password-123", "displayName", "Dup 2"),
            null);
    assertThat(fullwidth.status()).isEqualTo(409);
    assertThat(fullwidth.code()).isEqualTo("email_taken");
    ApiClient.Response zeroWidth =
        api.post(
            "/api/v1/auth/register",
            Map.of(
                "email",
                "d\u200bup@example.com",
                "password",
                "password-123",
                "displayName",
                "Dup 3"),
            null);
    assertThat(zeroWidth.status())
        .as("an invisible character is not part of an address")
        .isEqualTo(422);
    assertThat(
            api.post(LOGIN, Map.of("email", "Dup@Example.com", "password", "password-123"), null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void oneAddressGetsALimitedNumberOfSignInAttempts() {
    ApiClient strictApi = strict.api;
    for (int i = 0; i < 3; i++) {
      assertThat(
              strictApi
                  .post(
                      LOGIN,
                      Map.of("email", "nobody-" + i + "@example.com", "password", "password-123"),
                      null)
                  .status())
          .isEqualTo(401);
    }
    assertThat(
            strictApi
                .post(
                    "/api/v1/auth/register",
                    Map.of(
                        "email",
                        "counted@example.com",
                        "password",
                        "password-123",
                        "displayName",
                        "Counted"),
                    null)
                .status())
        .isEqualTo(201);
    ApiClient.Response limited =
        strictApi.post(
            LOGIN, Map.of("email", "counted@example.com", "password", "password-123"), null);
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.code()).isEqualTo("rate_limited");
    assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 60L);
    assertThat(
            strictApi
                .post(
                    "/api/v1/auth/register",
                    Map.of(
                        "email",
                        "too-many@example.com",
                        "password",
                        "password-123",
                        "displayName",
                        "Late"),
                    null)
                .status())
        .isEqualTo(429);
  }
}
