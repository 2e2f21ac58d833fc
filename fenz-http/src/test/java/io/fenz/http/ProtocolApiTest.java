package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.Media;
import io.fenz.http.testing.TestApp;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTP details: ranges, ids, the server's own refusals, methods, and how fields are named. */
@WithFenzServices
class ProtocolApiTest {
  @RegisterExtension static final TestApp app = TestApp.perClass();
  private static final ApiClient api = app.api;

  @Test
  void aRangeEndPastWhatALongHoldsIsClampedToTheObject() {
    String token =
        api.register("ranges@example.com", "password-123", "Ranges").path("accessToken").asText();
    long id =
        api.createVideo(
            token,
            Map.of("title", "Range", "description", "", "categoryId", 2, "accessTier", 0),
            true);
    String url = api.get("/api/v1/videos/" + id + "/playback", null).json().path("url").asText();
    int size = Media.sampleMp4().length;
    HttpResponse<byte[]> huge = api.getBytes(url, Map.of("Range", "bytes=0-99999999999999999999"));
    assertThat(huge.statusCode()).isEqualTo(206);
    assertThat(huge.headers().firstValue("Content-Range"))
        .contains("bytes 0-" + (size - 1) + "/" + size);
    assertThat(huge.body()).hasSize(size);
    assertThat(api.getBytes(url, Map.of("Range", "bytes=99999999999999999999-")).statusCode())
        .isEqualTo(416);
    ApiClient.Response head = api.send("HEAD", url, null, null, Map.of());
    assertThat(head.status()).isEqualTo(200);
    assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(size));
    assertThat(api.send("HEAD", url.replace("sig=", "sig=x"), null, null, Map.of()).status())
        .isBetween(400, 499);
  }

  @Test
  void idsAreAsciiDigitsOnly() {
    for (String id : List.of("%EF%BC%91%EF%BC%96", "%D9%A1%D9%A6", "+16", "16%20", "0x10")) {
      ApiClient.Response r = api.get("/api/v1/videos/" + id, null);
      assertThat(r.status()).as(id).isEqualTo(400);
      assertThat(r.code()).isEqualTo("invalid_request");
    }
    assertThat(api.get("/api/v1/search?minViews=%EF%BC%91", null).status()).isEqualTo(400);
  }

  @Test
  void aWrongMethodOnAKnownPathIs405WithAllow() {
    ApiClient.Response r = api.delete("/api/v1/categories", null);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.code()).isEqualTo("method_not_allowed");
    assertThat(r.header("Allow")).contains("GET");
    assertThat(api.send("PUT", "/api/v1/videos/1", "{}", null, Map.of()).header("Allow"))
        .contains("GET", "PATCH", "DELETE");
    assertThat(api.get("/api/v1/no-such-thing", null).status()).isEqualTo(404);
  }

  @Test
  void refusalsTheServerMakesItselfAreProblems() throws Exception {
    String bigHeader =
        "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: "
            + "a".repeat(64 * 1024)
            + "\r\nConnection: close\r\n\r\n";
    String nul = "GET /api/v1/videos/%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    String negative =
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: -5\r\n"
            + "Connection: close\r\n\r\n";
    for (String request : List.of(bigHeader, nul, negative)) {
      String response = raw(request);
      String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
      assertThat(head)
          .as(request.lines().findFirst().orElseThrow())
          .matches("(?s)HTTP/1.1 4\\d\\d .*");
      assertThat(head.toLowerCase()).contains("content-type: application/problem+json");
      JsonNode body =
          new ObjectMapper().readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
      assertThat(body.path("code").asText()).isNotBlank();
      assertThat(body.path("status").asInt()).isBetween(400, 499);
    }
    assertThat(raw(bigHeader)).startsWith("HTTP/1.1 431");
  }

  @Test
  void fieldErrorsNameFieldsLikeJavaScriptAndOverflowIsAFieldError() {
    String token =
        api.register("fields@example.com", "password-123", "Fields").path("accessToken").asText();
    ApiClient.Response wrongType =
        api.send("POST", "/api/v1/videos", "{\"title\":\"t\",\"tagIds\":[\"x\"]}", token, Map.of());
    assertThat(wrongType.status()).isEqualTo(400);
    assertThat(wrongType.json().path("errors").get(0).path("field").asText())
        .isEqualTo("tagIds[0]");

    ApiClient.Response overflow =
        api.send(
            "POST",
            "/api/v1/videos",
            "{\"title\":\"t\",\"durationSeconds\":2147483648}",
            token,
            Map.of());
    assertThat(overflow.status()).isEqualTo(422);
    assertThat(overflow.code()).isEqualTo("validation_failed");
    assertThat(overflow.json().path("errors").get(0).path("field").asText())
        .isEqualTo("durationSeconds");
    ApiClient.Response overflowInList =
        api.send(
            "POST",
            "/api/v1/videos",
            "{\"title\":\"t\",\"tagIds\":[1,99999999999999999999]}",
            token,
            Map.of());
    assertThat(overflowInList.status()).as(overflowInList.raw().body()).isEqualTo(422);
    assertThat(overflowInList.json().path("errors").get(0).path("field").asText())
        .isEqualTo("tagIds[1]");
  }

  @Test
  void aBlankRefreshTokenIsTheSameAnswerAsAMissingOne() {
    ApiClient.Response blank =
        api.send("POST", "/api/v1/auth/refresh", "{\"refreshToken\":\"\"}", null, Map.of());
    ApiClient.Response missing =
        api.send("POST", "/api/v1/auth/refresh", "{\"refreshToken\":null}", null, Map.of());
    assertThat(blank.status()).isEqualTo(422);
    assertThat(missing.status()).isEqualTo(422);
    assertThat(blank.json().path("errors")).isEqualTo(missing.json().path("errors"));
  }

  private static String raw(String request) throws Exception {
    int port = Integer.parseInt(api.baseUrl().substring(api.baseUrl().lastIndexOf(':') + 1));
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream response = new ByteArrayOutputStream();
      in.transferTo(response);
      return response.toString(StandardCharsets.UTF_8);
    }
  }
}
