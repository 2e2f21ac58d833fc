package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.Media;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.Sql;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Text fields take text: no NUL, control characters or unpaired surrogates, in any body, with a 422
 * field error.
 */
@WithFenzServices
class TextInputApiTest {
  private static final String REGISTER = "/api/v1/auth/register";
  @RegisterExtension static final TestApp app = TestApp.perClass();
  private static final ApiClient api = app.api;

  /** JSON escapes are written as in the wire body: {@code \\u0000} reaches the server as a NUL. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "NUL in email            | {\"email\":\"a\\u0000@t.co\",\"password\":\"password-1\",\"displayName\":\"x\"}      | email",
        "lone surrogates password| {\"email\":\"s@t.co\",\"password\":\"\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\\ud800\",\"displayName\":\"x\"} | password",
        "low surrogate first     | {\"email\":\"s@t.co\",\"password\":\"\\udc00\\ud800password\",\"displayName\":\"x\"} | password",
        "newline in a name       | {\"email\":\"n@t.co\",\"password\":\"password-1\",\"displayName\":\"a\\nb\"}        | displayName",
        "escape in a name        | {\"email\":\"e@t.co\",\"password\":\"password-1\",\"displayName\":\"a\\u001bb\"}    | displayName",
        "C1 control in password  | {\"email\":\"c@t.co\",\"password\":\"password\\u0085\",\"displayName\":\"x\"}      | password",
      })
  void registrationRejectsNonText(String name, String body, String field) {
    ApiClient.Response r = api.send("POST", REGISTER, body.strip(), null, Map.of());
    assertThat(r.status()).as(name).isEqualTo(422);
    assertThat(r.code()).isEqualTo("validation_failed");
    JsonNode error = r.json().path("errors").get(0);
    assertThat(error.path("field").asText()).isEqualTo(field);
    assertThat(error.path("code").asText()).isEqualTo("invalid_characters");
    assertThat(Sql.count(app.env(), "SELECT COUNT(*) FROM users WHERE email LIKE '%@t.co'"))
        .isZero();
  }

  @Test
  void surrogatePairsAreText() {
    // An emoji is a valid surrogate pair, in a display name as anywhere.
    assertThat(
            api.send(
                    "POST",
                    REGISTER,
                    "{\"email\":\"emoji@example.com\",\"password\":\"password-1\",\"displayName\":\"\\ud83d\\ude00\"}",
                    null,
                    Map.of())
                .status())
        .isEqualTo(201);
  }

  @Test
  void addressesWithMarkupAreNotEmails() {
    for (String email :
        new String[] {
          "<script>@example.com",
          "a\"b@example.com",
          "a b@example.com",
          "a@exa mple.com",
          ".a@example.com",
          "a..b@example.com",
          "a@-example.com",
          "a@example"
        }) {
      ApiClient.Response r =
          api.post(
              REGISTER, Map.of("email", email, "password", "password-1", "displayName", "x"), null);
      assertThat(r.status()).as(email).isEqualTo(422);
      assertThat(r.json().path("errors").get(0).path("code").asText())
          .as(email)
          .isEqualTo("invalid_email");
    }
    assertThat(
            api.post(
                    REGISTER,
                    Map.of(
                        "email", "o'brien+tag@例子.台灣", "password", "password-1", "displayName", "x"),
                    null)
                .status())
        .isEqualTo(201);
  }

  @Test
  void videoTextAllowsNewlinesOnlyInTheDescription() {
    String token =
        api.register("text-creator@example.com", "password-123", "Creator")
            .path("accessToken")
            .asText();
    String key =
        api.sendBytes("POST", "/api/v1/upload/video", Media.sampleMp4(), "video/mp4", token)
            .json()
            .path("key")
            .asText();
    String fields = ",\"categoryId\":2,\"accessTier\":0,\"videoKey\":\"" + key + "\"}";

    ApiClient.Response nul =
        api.send(
            "POST",
            "/api/v1/videos",
            "{\"title\":\"a\\u0000b\",\"description\":\"\"" + fields,
            token,
            Map.of());
    assertThat(nul.status()).isEqualTo(422);
    assertThat(nul.json().path("errors").get(0).path("field").asText()).isEqualTo("title");
    ApiClient.Response tab =
        api.send(
            "POST",
            "/api/v1/videos",
            "{\"title\":\"a\\tb\",\"description\":\"\"" + fields,
            token,
            Map.of());
    assertThat(tab.json().path("errors").get(0).path("field").asText()).isEqualTo("title");
    ApiClient.Response surrogate =
        api.send(
            "POST",
            "/api/v1/videos",
            "{\"title\":\"ok\",\"description\":\"x\\udfff\"" + fields,
            token,
            Map.of());
    assertThat(surrogate.json().path("errors").get(0).path("field").asText())
        .isEqualTo("description");

    ApiClient.Response lines =
        api.send(
            "POST",
            "/api/v1/videos",
            "{\"title\":\"ok\",\"description\":\"line 1\\n\\tline 2\"" + fields,
            token,
            Map.of());
    assertThat(lines.status()).isEqualTo(201);
    assertThat(lines.json().path("description").asText()).isEqualTo("line 1\n\tline 2");

    ApiClient.Response profile =
        api.send("PATCH", "/api/v1/me", "{\"displayName\":\"\\u0000\"}", token, Map.of());
    assertThat(profile.status()).isEqualTo(422);
    assertThat(profile.json().path("errors").get(0).path("field").asText())
        .isEqualTo("displayName");
  }
}
