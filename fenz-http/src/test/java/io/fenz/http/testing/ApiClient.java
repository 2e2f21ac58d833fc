package io.fenz.http.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** A tiny black-box client: raw requests in, status + headers + parsed JSON out. */
public final class ApiClient {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final Supplier<String> baseUrl;
  private final HttpClient http = HttpClient.newHttpClient();

  public ApiClient(String baseUrl) {
    this(() -> baseUrl);
  }

  /** A client of an app that starts later: the address is read at each request. */
  public ApiClient(Supplier<String> baseUrl) {
    this.baseUrl = baseUrl;
  }

  public record Response(int status, HttpResponse<String> raw, JsonNode json) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String contentType() {
      return header("Content-Type");
    }

    public String code() {
      return json == null ? null : json.path("code").asText(null);
    }
  }

  public String baseUrl() {
    return baseUrl.get();
  }

  public Response get(String path, String token) {
    return send("GET", path, null, token, Map.of());
  }

  public Response post(String path, Object body, String token) {
    return send("POST", path, body, token, Map.of());
  }

  public Response put(String path, Object body, String token) {
    return send("PUT", path, body, token, Map.of());
  }

  public Response patch(String path, Object body, String token) {
    return send("PATCH", path, body, token, Map.of());
  }

  public Response delete(String path, String token) {
    return send("DELETE", path, null, token, Map.of());
  }

  /** {@code body} is sent as-is when it is a String (to test malformed JSON), else serialised. */
  public Response send(
      String method, String path, Object body, String token, Map<String, String> headers) {
    try {
      String payload =
          body == null ? null : body instanceof String s ? s : MAPPER.writeValueAsString(body);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .method(
                  method,
                  payload == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(payload));
      if (payload != null) {
        request.header("Content-Type", "application/json");
      }
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      headers.forEach(request::header);
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json = null;
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      if (contentType.contains("json") && !response.body().isEmpty()) {
        json = MAPPER.readTree(response.body());
      }
      return new Response(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends raw bytes (an upload) with the given content type. */
  public Response sendBytes(
      String method, String path, byte[] body, String contentType, String token) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(baseUrl() + path))
              .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
              .header("Content-Type", contentType);
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      return new Response(
          response.statusCode(),
          response,
          type.contains("json") && !response.body().isEmpty()
              ? MAPPER.readTree(response.body())
              : null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GET returning raw bytes (media), with optional extra headers such as Range. */
  public HttpResponse<byte[]> getBytes(String path, Map<String, String> headers) {
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).GET();
      headers.forEach(request::header);
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Registers a user and returns the auth response JSON (tokens, user). */
  public JsonNode register(String email, String password, String displayName) {
    Response r =
        post(
            "/api/v1/auth/register",
            Map.of("email", email, "password", password, "displayName", displayName),
            null);
    if (r.status() != 201) {
      throw new AssertionError("register failed: " + r.status() + " " + r.raw().body());
    }
    return r.json();
  }

  /**
   * Uploads the sample clip and creates a video from {@code fields} (title, description,
   * categoryId, accessTier, ...), published when {@code publish}; returns its id.
   */
  public long createVideo(String token, Map<String, Object> fields, boolean publish) {
    String key =
        sendBytes("POST", "/api/v1/upload/video", Media.sampleMp4(), "video/mp4", token)
            .json()
            .path("key")
            .asText();
    Map<String, Object> body = new HashMap<>(fields);
    body.put("videoKey", key);
    Response created = post("/api/v1/videos", body, token);
    if (created.status() != 201) {
      throw new AssertionError(
          "create video failed: " + created.status() + " " + created.raw().body());
    }
    long id = created.json().path("id").asLong();
    if (publish) {
      Response published = post("/api/v1/videos/" + id + "/toggle-publish", null, token);
      if (published.status() != 200) {
        throw new AssertionError(
            "publish failed: " + published.status() + " " + published.raw().body());
      }
    }
    return id;
  }
}
