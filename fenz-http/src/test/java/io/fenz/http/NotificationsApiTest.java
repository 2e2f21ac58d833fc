package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.interaction.adapter.JdbiNotificationRepository;
import io.fenz.interaction.app.DeliverNotifications;
import io.fenz.interaction.app.LiveNotifications;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.events.OutboxRelay;
import io.fenz.testing.TestConfigs;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bell (naming who acted and the channel, as they are now) and its live stream across
 * processes, on real NATS: app A takes the change, a separate worker (relay + notifications
 * consumer) writes the notification, and app B's SSE stream delivers it.
 */
@WithFenzServices
class NotificationsApiTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestEnvironment env;
  private static TestApp appA;
  private static TestApp appB;
  private static Infrastructure worker;
  private static AutoCloseable consumer;
  private static ScheduledExecutorService relayLoop;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start(TestEnvironment environment) {
    env = environment;
    assumeTrue(
        env.hasNats(),
        "needs FENZ_TEST_NATS_URL: streams held by one process follow notifications written by another");
    appA = TestApp.start(env);
    appB =
        TestApp.start(
            env,
            Map.of("FENZ_SSE_HEARTBEAT", "1s", "FENZ_STREAM_TOKEN_TTL", "2s"),
            Clock.systemUTC());
    worker = Infrastructure.open(TestConfigs.config(env), Clock.systemUTC());
    consumer =
        worker
            .events()
            .consume(
                DeliverNotifications.CONSUMER,
                new DeliverNotifications(
                    new JdbiNotificationRepository(worker.database()),
                    new LiveNotifications(worker.events()),
                    worker.config().events(),
                    Clock.systemUTC()));
    OutboxRelay relay = new OutboxRelay(worker.database(), worker.events(), Clock.systemUTC());
    relayLoop = Executors.newSingleThreadScheduledExecutor();
    relayLoop.scheduleWithFixedDelay(() -> relay.relay(500), 100, 100, TimeUnit.MILLISECONDS);
  }

  @AfterAll
  static void stop() throws Exception {
    if (appA == null) {
      return;
    }
    relayLoop.shutdownNow();
    consumer.close();
    worker.close();
    appB.close();
    appA.close();
    TestConfigs.dropStream(env);
  }

  @Test
  void theBellListsCountsAndMarksOnlyTheCallersNotifications() throws Exception {
    JsonNode creator = appA.api.register("bell-creator@example.com", "password-123", "創作者");
    String creatorToken = creator.path("accessToken").asText();
    long channelId = creator.path("user").path("channelId").asLong();
    String fan =
        appA.api
            .register("bell-fan@example.com", "password-123", "粉絲")
            .path("accessToken")
            .asText();
    assertThat(appA.api.post("/api/v1/channels/" + channelId + "/subscription", null, fan).status())
        .isEqualTo(200);
    assertThat(appA.api.post("/api/v1/channels/" + channelId + "/subscription", null, fan).status())
        .as("idempotent")
        .isEqualTo(200);

    JsonNode page =
        await(
            () -> {
              JsonNode p = appB.api.get("/api/v1/notifications", creatorToken).json();
              return p.path("total").asLong() >= 1 ? p : null;
            });
    Thread.sleep(500); // a second subscribe must not add a second notification
    page = appB.api.get("/api/v1/notifications", creatorToken).json();
    assertThat(page.path("total").asLong()).isEqualTo(1);
    JsonNode n = page.path("items").get(0);
    assertThat(n.path("kind").asText()).isEqualTo("new_subscriber");
    assertThat(n.path("channelId").asLong()).isEqualTo(channelId);
    assertThat(n.path("channelName").asText()).isEqualTo("創作者");
    assertThat(n.path("actorName").asText()).as("who subscribed").isEqualTo("粉絲");
    assertThat(n.path("read").asBoolean()).isFalse();
    assertThat(appA.api.patch("/api/v1/me", Map.of("displayName", "改名的粉絲"), fan).status())
        .isEqualTo(200);
    assertThat(
            appB.api
                .get("/api/v1/notifications", creatorToken)
                .json()
                .path("items")
                .get(0)
                .path("actorName")
                .asText())
        .as("named as they are now")
        .isEqualTo("改名的粉絲");
    assertThat(
            appB.api
                .get("/api/v1/notifications/unread-count", creatorToken)
                .json()
                .path("count")
                .asLong())
        .isEqualTo(1);

    long id = n.path("id").asLong();
    ApiClient.Response others = appB.api.post("/api/v1/notifications/" + id + "/read", null, fan);
    assertThat(others.status()).isEqualTo(404);
    assertThat(others.code()).isEqualTo("notification_not_found");
    assertThat(appB.api.post("/api/v1/notifications/abc/read", null, creatorToken).status())
        .isEqualTo(400);
    assertThat(appB.api.get("/api/v1/notifications?pageSize=1000", creatorToken).status())
        .isEqualTo(400);
    assertThat(appB.api.get("/api/v1/notifications?page=0", creatorToken).status()).isEqualTo(400);
    assertThat(appB.api.get("/api/v1/notifications", null).status()).isEqualTo(401);
    assertThat(appB.api.post("/api/v1/notifications/" + id + "/read", null, creatorToken).status())
        .isEqualTo(204);
    assertThat(
            appB.api
                .get("/api/v1/notifications/unread-count", creatorToken)
                .json()
                .path("count")
                .asLong())
        .isZero();
    assertThat(appB.api.post("/api/v1/notifications/read-all", null, creatorToken).status())
        .isEqualTo(204);

    assertThat(appA.api.post("/api/v1/me/hide", null, fan).status()).isEqualTo(200);
    JsonNode hidden = appB.api.get("/api/v1/notifications", creatorToken).json().path("items");
    assertThat(hidden.get(0).path("actorName").asText(null))
        .as("a hidden account is never named")
        .isNull();
  }

  @Test
  void streamTokensAreSingleUseAndShortLived() throws Exception {
    String user =
        appA.api
            .register("token-user@example.com", "password-123", "用戶")
            .path("accessToken")
            .asText();
    assertThat(appB.api.post("/api/v1/notifications/stream-token", null, null).status())
        .isEqualTo(401);
    assertThat(openStream(null, null).statusCode()).isEqualTo(401);
    assertThat(openStream("garbage", null).statusCode()).isEqualTo(401);

    String token = streamToken(appB, user);
    assertThat(openStream(token, "not-a-number").statusCode())
        .as("bad Last-Event-ID, token not spent")
        .isEqualTo(400);
    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(
                            URI.create(
                                appB.api.baseUrl() + "/api/v1/notifications/stream?token=" + token))
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .statusCode())
        .as("not an event-stream client, token not spent")
        .isEqualTo(400);
    HttpResponse<java.util.stream.Stream<String>> first = openStream(token, null);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    first.body().close();
    HttpResponse<java.util.stream.Stream<String>> reused = openStream(token, null);
    assertThat(reused.statusCode()).as("reused").isEqualTo(401);
    assertThat(new String(reused.body().reduce("", String::concat).getBytes()))
        .contains("invalid_stream_token");

    String expiring = streamToken(appB, user);
    Thread.sleep(2_300);
    assertThat(openStream(expiring, null).statusCode()).as("expired").isEqualTo(401);
  }

  @Test
  void aStreamOnAnotherProcessGetsWhatTheWorkerWritesHeartbeatsAndResumesWithLastEventId()
      throws Exception {
    JsonNode creator = appA.api.register("live-creator@example.com", "password-123", "直播主");
    String creatorToken = creator.path("accessToken").asText();
    long channelId = creator.path("user").path("channelId").asLong();
    String fan =
        appA.api
            .register("live-fan@example.com", "password-123", "觀眾")
            .path("accessToken")
            .asText();
    appA.api.post("/api/v1/channels/" + channelId + "/subscription", null, fan);
    await(
        () ->
            appB.api
                        .get("/api/v1/notifications/unread-count", creatorToken)
                        .json()
                        .path("count")
                        .asLong()
                    == 1
                ? true
                : null);

    Stream live = new Stream(openStream(streamToken(appB, fan), null));
    Event unread = live.next("unread");
    assertThat(unread.data().path("count").asLong()).as("the fan has nothing yet").isZero();
    assertThat(unread.id()).isEqualTo("0");
    long first =
        appA.api.createVideo(
            creatorToken,
            Map.of("title", "第一支影片", "description", "", "categoryId", 2, "accessTier", 0),
            true);
    JsonNode event = live.nextNotification();
    assertThat(event.path("kind").asText()).isEqualTo("video_published");
    assertThat(event.path("videoId").asLong()).isEqualTo(first);
    assertThat(event.path("videoTitle").asText()).isEqualTo("第一支影片");
    assertThat(event.path("channelName").asText()).as("named on the stream too").isEqualTo("直播主");
    assertThat(live.sawHeartbeat(Duration.ofSeconds(3)))
        .as("a heartbeat within the 1 s interval")
        .isTrue();
    live.close();

    long missed =
        appA.api.createVideo(
            creatorToken,
            Map.of("title", "錯過的影片", "description", "", "categoryId", 2, "accessTier", 0),
            true);
    await(
        () ->
            appB.api.get("/api/v1/notifications/unread-count", fan).json().path("count").asLong()
                    == 2
                ? true
                : null);
    Stream resumed =
        new Stream(openStream(streamToken(appB, fan), Long.toString(event.path("id").asLong())));
    Event counted = resumed.next("unread");
    assertThat(counted.data().path("count").asLong())
        .as("counted up to where it resumes: the first video, not the missed one")
        .isEqualTo(1);
    assertThat(counted.id()).isEqualTo(event.path("id").asText());
    JsonNode caughtUp = resumed.nextNotification();
    assertThat(caughtUp.path("videoId").asLong())
        .as("what was written while disconnected")
        .isEqualTo(missed);
    resumed.close();
  }

  private static String streamToken(TestApp app, String accessToken) {
    ApiClient.Response r = app.api.post("/api/v1/notifications/stream-token", null, accessToken);
    assertThat(r.status()).isEqualTo(200);
    assertThat(Instant.parse(r.json().path("expiresAt").asText()))
        .isBefore(Instant.now().plusSeconds(61));
    return r.json().path("token").asText();
  }

  private static HttpResponse<java.util.stream.Stream<String>> openStream(
      String token, String lastEventId) throws Exception {
    String url =
        appB.api.baseUrl()
            + "/api/v1/notifications/stream"
            + (token == null ? "" : "?token=" + token);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
  }

  private record Event(String id, JsonNode data) {}

  /** Reads an SSE response line by line on a background thread. */
  private static final class Stream implements AutoCloseable {
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final HttpResponse<java.util.stream.Stream<String>> response;

    Stream(HttpResponse<java.util.stream.Stream<String>> response) {
      assertThat(response.statusCode()).isEqualTo(200);
      this.response = response;
      Thread.ofVirtual()
          .start(
              () -> {
                try {
                  response.body().forEach(lines::add);
                } catch (RuntimeException closed) {
                  // the test closed the stream
                }
              });
    }

    JsonNode nextNotification() throws Exception {
      Event event = next("notification");
      assertThat(event.id()).isEqualTo(event.data().path("id").asText());
      return event.data();
    }

    /** The next event named {@code name}; events of other names are skipped. */
    Event next(String name) throws Exception {
      Map<String, String> fields = new HashMap<>();
      Instant deadline = Instant.now().plusSeconds(20);
      while (Instant.now().isBefore(deadline)) {
        String line = lines.poll(200, TimeUnit.MILLISECONDS);
        if (line == null || line.startsWith(":")) {
          continue;
        }
        if (line.isEmpty()) {
          if (name.equals(fields.get("event"))) {
            return new Event(fields.get("id"), JSON.readTree(fields.get("data")));
          }
          fields.clear();
          continue;
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
          fields.put(line.substring(0, colon), line.substring(colon + 1).strip());
        }
      }
      throw new AssertionError("no '" + name + "' event on the stream within 20 s");
    }

    boolean sawHeartbeat(Duration within) throws InterruptedException {
      Instant deadline = Instant.now().plus(within);
      while (Instant.now().isBefore(deadline)) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && line.startsWith(":")) {
          return true;
        }
      }
      return false;
    }

    @Override
    public void close() {
      response.body().close();
    }
  }

  private interface Probe<T> {
    T value() throws Exception;
  }

  private static <T> T await(Probe<T> probe) throws Exception {
    Instant deadline = Instant.now().plusSeconds(20);
    while (Instant.now().isBefore(deadline)) {
      T value = probe.value();
      if (value != null) {
        return value;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out");
  }
}
