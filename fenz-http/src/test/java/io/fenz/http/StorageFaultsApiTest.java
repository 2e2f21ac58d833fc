package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.Media;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.TcpGate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * S3 refusing connections, or accepting them and never answering: every route that needs it answers
 * 503 {@code storage_unavailable} with Retry-After within its deadlines (never a 500, never a
 * hang), and recovers.
 */
@WithFenzServices
class StorageFaultsApiTest {
  /** Far above the 1 s S3 deadlines below: a request still running then has hung. */
  private static final Duration HANG = Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TcpGate gate;
  private static TestApp app;
  private static ApiClient api;

  @BeforeAll
  static void start(TestEnvironment env) throws Exception {
    gate = new TcpGate(env.s3Endpoint());
    app =
        TestApp.start(
            env,
            Map.of(
                "FENZ_S3_ENDPOINT",
                gate.endpoint(),
                "FENZ_S3_CONNECT_TIMEOUT",
                "1s",
                "FENZ_S3_READ_TIMEOUT",
                "1s",
                "FENZ_MEDIA_CACHE_BYTES",
                "0"),
            Clock.systemUTC());
    api = app.api;
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    gate.close();
  }

  @Test
  void aRefusingOrStalledStorageIsA503WithRetryAfterEverywhere() throws Exception {
    String token =
        api.register("storage@example.com", "password-123", "Storage").path("accessToken").asText();
    long video = api.createVideo(token, Map.of("title", "stored", "categoryId", 1), true);
    String stream =
        api.get("/api/v1/videos/" + video + "/playback", null).json().path("url").asText();
    assertThat(send("GET", stream, null, null).statusCode()).isEqualTo(200);

    for (TcpGate.Mode fault : new TcpGate.Mode[] {TcpGate.Mode.REFUSE, TcpGate.Mode.STALL}) {
      gate.set(fault);
      expectUnavailable(fault + " stream", send("GET", stream, null, null));
      expectUnavailable(
          fault + " upload", send("POST", "/api/v1/upload/video", Media.sampleMp4(), token));
      expectUnavailable(
          fault + " thumbnail upload",
          send("POST", "/api/v1/upload/thumbnail", Media.sampleJpeg(), token));
    }

    gate.set(TcpGate.Mode.FORWARD);
    assertThat(send("GET", stream, null, null).statusCode()).as("back once S3 is").isEqualTo(200);
    assertThat(send("POST", "/api/v1/upload/video", Media.sampleMp4(), token).statusCode())
        .isEqualTo(201);
  }

  private static void expectUnavailable(String what, HttpResponse<String> response)
      throws Exception {
    assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(503);
    JsonNode problem = JSON.readTree(response.body());
    assertThat(problem.path("code").asText()).as(what).isEqualTo("storage_unavailable");
    assertThat(problem.path("detail").asText())
        .as("no object keys in the answer")
        .doesNotContain("videos/");
    assertThat(response.headers().firstValue("Retry-After")).as(what).isPresent();
  }

  /** A request that fails (HttpTimeoutException) rather than waits past {@link #HANG}. */
  private static HttpResponse<String> send(
      String method, String pathOrUrl, byte[] body, String token) throws Exception {
    URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : api.baseUrl() + pathOrUrl);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(HANG)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null) {
      request.header("Content-Type", "application/octet-stream");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
