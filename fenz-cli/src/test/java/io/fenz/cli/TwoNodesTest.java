package io.fenz.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.testing.TestConfigs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two `fenz serve` processes and one `fenz worker` on the same MariaDB, Redis, S3 and NATS: a
 * change made through node A (publish, tier change, hidden account, delete) is what node B's feed,
 * search and playback answer within {@link #BOUND}. Node B learns through shared state only: Redis
 * (feed cache, key-tracking of its local copies) and the database (its search index catches up
 * every FENZ_SEARCH_CATCH_UP = 1 s).
 */
@WithFenzServices
class TwoNodesTest {
  static final Duration BOUND = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final List<Process> PROCESSES = new ArrayList<>();
  private static final String TITLE = "雙節點同步測試 twinnode";
  private static String nodeA;
  private static String nodeB;

  record Answer(int status, JsonNode body) {}

  @BeforeAll
  static void startNodes(TestEnvironment services) throws Exception {
    Map<String, String> env = new HashMap<>(TestConfigs.environment(services));
    env.put("FENZ_ADMIN_PASSWORD", "two-nodes-admin-pass");
    StringWriter out = new StringWriter();
    assertThat(
            FenzCommand.execute(
                new String[] {"admin", "create-admin", "--email", "admin@example.com"},
                env,
                new PrintWriter(out),
                new PrintWriter(out)))
        .as(out.toString())
        .isZero();
    Path logs = Files.createDirectories(Path.of("target", "two-nodes"));
    nodeA = "http://127.0.0.1:" + start(env, "serve", logs.resolve("node-a.log"));
    nodeB = "http://127.0.0.1:" + start(env, "serve", logs.resolve("node-b.log"));
    start(env, "worker", logs.resolve("worker.log"));
    for (String node : List.of(nodeA, nodeB)) {
      await(
          Duration.ofSeconds(120), () -> call(node, "GET", "/readyz", null, null).status() == 200);
    }
  }

  private static int start(Map<String, String> env, String command, Path log) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Map<String, String> vars = new HashMap<>(env);
    vars.put("FENZ_HTTP_PORT", Integer.toString(port));
    PROCESSES.add(FenzProcesses.start(vars, command, log));
    return port;
  }

  @AfterAll
  static void stopNodes() throws InterruptedException {
    for (Process process : PROCESSES) {
      process.destroy();
    }
    for (Process process : PROCESSES) {
      if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void changesOnOneNodeReachTheOtherNodesFeedSearchAndPlayback() throws Exception {
    String admin =
        call(
                nodeA,
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("email", "admin@example.com", "password", "two-nodes-admin-pass"))
            .body()
            .get("accessToken")
            .asText();
    JsonNode registered =
        call(
                nodeA,
                "POST",
                "/api/v1/auth/register",
                null,
                Map.of(
                    "email",
                    "creator@example.com",
                    "password",
                    "creator password",
                    "displayName",
                    "雙節點創作者"))
            .body();
    String creatorBeforeHide = registered.get("accessToken").asText();
    String creator = creatorBeforeHide;
    long creatorId = registered.get("user").get("id").asLong();
    long tag =
        call(nodeA, "GET", "/api/v1/tags", null, null)
            .body()
            .get("items")
            .get(0)
            .get("id")
            .asLong();
    byte[] clip;
    try (var in =
        Objects.requireNonNull(
            TwoNodesTest.class.getResourceAsStream("/io/fenz/seed/demo-clip.mp4"))) {
      clip = in.readAllBytes();
    }
    HttpResponse<String> upload =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(nodeA + "/api/v1/upload/video"))
                .header("Authorization", "Bearer " + creator)
                .header("Content-Type", "video/mp4")
                .POST(HttpRequest.BodyPublishers.ofByteArray(clip))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(201);
    Answer created =
        call(
            nodeA,
            "POST",
            "/api/v1/videos",
            creator,
            Map.of(
                "title",
                TITLE,
                "description",
                "兩台伺服器看到同一份資料",
                "tagIds",
                List.of(tag),
                "accessTier",
                0,
                "videoKey",
                JSON.readTree(upload.body()).get("key").asText()));
    assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    long video = created.body().get("id").asLong();
    String guest = UUID.randomUUID().toString();
    assertThat(
            call(nodeB, "PUT", "/api/v1/me/tags", null, Map.of("tagIds", List.of(tag)), guest)
                .status())
        .isEqualTo(200);
    assertThat(seenByB(video, guest)).isEqualTo("feed=false search=false playback=404");

    assertThat(
            call(nodeA, "POST", "/api/v1/videos/" + video + "/toggle-publish", creator, null)
                .status())
        .isEqualTo(200);
    expectOnB(video, guest, "feed=true search=true playback=200");

    assertThat(
            call(nodeA, "PATCH", "/api/v1/videos/" + video, creator, Map.of("accessTier", 2))
                .status())
        .isEqualTo(200);
    expectOnB(video, guest, "feed=false search=locked playback=403");
    assertThat(
            call(nodeA, "PATCH", "/api/v1/videos/" + video, creator, Map.of("accessTier", 0))
                .status())
        .isEqualTo(200);
    expectOnB(video, guest, "feed=true search=true playback=200");

    assertThat(
            call(nodeA, "POST", "/api/v1/admin/users/" + creatorId + "/hide", admin, null).status())
        .isEqualTo(200);
    expectOnB(video, guest, "feed=false search=false playback=404");
    assertThat(call(nodeB, "GET", "/api/v1/me", creator, null).status()).isEqualTo(401);
    assertThat(
            call(nodeA, "POST", "/api/v1/admin/users/" + creatorId + "/restore", admin, null)
                .status())
        .isEqualTo(200);
    expectOnB(video, guest, "feed=true search=true playback=200");
    // Hiding ended every session of the account; after the restore the creator signs in again.
    assertThat(call(nodeB, "GET", "/api/v1/me", creatorBeforeHide, null).status()).isEqualTo(401);
    creator =
        call(
                nodeA,
                "POST",
                "/api/v1/auth/login",
                null,
                Map.of("email", "creator@example.com", "password", "creator password"))
            .body()
            .get("accessToken")
            .asText();

    assertThat(
            call(nodeA, "POST", "/api/v1/videos/" + video + "/toggle-publish", creator, null)
                .status())
        .isEqualTo(200);
    assertThat(call(nodeA, "DELETE", "/api/v1/videos/" + video, creator, null).status())
        .isEqualTo(204);
    expectOnB(video, guest, "feed=false search=false playback=404");
  }

  /**
   * What node B shows a guest following the video's tag: in the feed, in search (or as a locked
   * card), playable.
   */
  private static String seenByB(long video, String guest) {
    boolean feed = false;
    for (JsonNode item :
        call(nodeB, "GET", "/api/v1/videos/recommended", null, null, guest).body().get("items")) {
      feed |= item.get("id").asLong() == video;
    }
    String search = "false";
    for (JsonNode item :
        call(nodeB, "GET", "/api/v1/search?q=twinnode", null, null, guest).body().get("items")) {
      if (item.get("id").asLong() == video) {
        search = item.get("locked").asBoolean() ? "locked" : "true";
      }
    }
    int playback =
        call(nodeB, "GET", "/api/v1/videos/" + video + "/playback", null, null, guest).status();
    return "feed=" + feed + " search=" + search + " playback=" + playback;
  }

  private static void expectOnB(long video, String guest, String expected) {
    long started = System.nanoTime();
    String[] last = {""};
    await(BOUND, () -> (last[0] = seenByB(video, guest)).equals(expected));
    assertThat(last[0]).isEqualTo(expected);
    System.out.printf(
        "two-nodes: '%s' seen on node B after %d ms%n",
        expected, (System.nanoTime() - started) / 1_000_000);
  }

  private static void await(Duration bound, BooleanSupplier condition) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static Answer call(String node, String method, String path, String token, Object body) {
    return call(node, method, path, token, body, null);
  }

  private static Answer call(
      String node, String method, String path, String token, Object body, String session) {
    try {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(node + path))
              .timeout(Duration.ofSeconds(10))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .header("Content-Type", "application/json");
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      if (session != null) {
        request.header("X-Session-Id", session);
      }
      HttpResponse<String> response =
          HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(
          response.statusCode(),
          response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body()));
    } catch (java.net.ConnectException notYet) {
      return new Answer(0, JSON.nullNode());
    } catch (Exception e) {
      throw new AssertionError(method + " " + node + path + ": " + e, e);
    }
  }
}
