package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.Media;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.MutableClock;
import io.minio.MinioClient;
import io.minio.RemoveObjectArgs;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who gets the bytes of a tier 0/1/2 video: every viewer kind, plus signed-URL and Range behaviour.
 */
@WithFenzServices
class PlaybackAccessTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static TestApp app;
  private static ApiClient api;
  private static final Map<String, String> TOKENS = new HashMap<>();
  private static final Map<Integer, Long> VIDEO_BY_TIER = new HashMap<>();
  private static long channelId;
  private static TestEnvironment services;
  @TempDir static Path mediaCacheParent;

  @BeforeAll
  static void start(TestEnvironment env) throws Exception {
    services = env;
    app = TestApp.start(env, Map.of("FENZ_MEDIA_CACHE_DIR", mediaCacheParent.toString()), CLOCK);
    api = app.api;
    JsonNode owner = api.register("owner@example.com", "password-123", "Owner");
    TOKENS.put("owner", owner.path("accessToken").asText());
    channelId = owner.path("user").path("channelId").asLong();
    TOKENS.put(
        "user",
        api.register("user@example.com", "password-123", "User").path("accessToken").asText());
    TOKENS.put(
        "subscriber",
        api.register("sub@example.com", "password-123", "Sub").path("accessToken").asText());
    JsonNode member = api.register("member@example.com", "password-123", "Member");
    TOKENS.put("member", member.path("accessToken").asText());
    assertThat(
            api.post(
                    "/api/v1/channels/" + channelId + "/subscription",
                    null,
                    TOKENS.get("subscriber"))
                .status())
        .isEqualTo(200);
    grantMembership(member.path("user").path("id").asLong(), "sub_test");
    for (int tier = 0; tier <= 2; tier++) {
      String key =
          api.sendBytes(
                  "POST",
                  "/api/v1/upload/video",
                  Media.sampleMp4(),
                  "video/mp4",
                  TOKENS.get("owner"))
              .json()
              .path("key")
              .asText();
      String thumb =
          api.sendBytes(
                  "POST",
                  "/api/v1/upload/thumbnail",
                  Media.samplePng(),
                  "image/png",
                  TOKENS.get("owner"))
              .json()
              .path("key")
              .asText();
      long id =
          api.post(
                  "/api/v1/videos",
                  Map.of(
                      "title",
                      "tier " + tier,
                      "accessTier",
                      tier,
                      "videoKey",
                      key,
                      "thumbnailKey",
                      thumb),
                  TOKENS.get("owner"))
              .json()
              .path("id")
              .asLong();
      api.post("/api/v1/videos/" + id + "/toggle-publish", null, TOKENS.get("owner"));
      VIDEO_BY_TIER.put(tier, id);
    }
  }

  /** Until payments land, a membership row is what a Paddle webhook will write. */
  private static void grantMembership(long userId, String subscriptionId) throws Exception {
    sql(
        "INSERT INTO memberships (user_id, channel_id, paddle_subscription_id, status, current_period_end, updated_from_event_at, "
            + "created_at) VALUES ("
            + userId
            + ", "
            + channelId
            + ", '"
            + subscriptionId
            + "', 'active', NOW() + INTERVAL 30 DAY, NOW(), NOW())");
  }

  private static void sql(String statement) throws Exception {
    try (var c = DriverManager.getConnection(services.jdbcUrl());
        var st = c.createStatement()) {
      st.executeUpdate(statement);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    app.close();
    try (var left = Files.list(mediaCacheParent)) {
      assertThat(left).as("the media cache is removed at stop").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0} x tier {1} -> {2}")
  @CsvSource({
    "guest, 0, 200,",
    "user, 0, 200,",
    "subscriber, 0, 200,",
    "member, 0, 200,",
    "owner, 0, 200,",
    "guest, 1, 403, subscription_required",
    "user, 1, 403, subscription_required",
    "subscriber, 1, 200,",
    "member, 1, 200,",
    "owner, 1, 200,",
    "guest, 2, 403, membership_required",
    "user, 2, 403, membership_required",
    "subscriber, 2, 403, membership_required",
    "member, 2, 200,",
    "owner, 2, 200,",
  })
  void accessMatrix(String viewer, int tier, int status, String code) {
    long id = VIDEO_BY_TIER.get(tier);
    ApiClient.Response playback = api.get("/api/v1/videos/" + id + "/playback", TOKENS.get(viewer));
    assertThat(playback.status()).isEqualTo(status);
    JsonNode card = api.get("/api/v1/videos/" + id, TOKENS.get(viewer)).json();
    assertThat(card.path("locked").asBoolean()).isEqualTo(status != 200);
    if (status == 200) {
      String url = playback.json().path("url").asText();
      assertThat(url).startsWith("/api/v1/videos/" + id + "/stream?");
      HttpResponse<byte[]> media = api.getBytes(url, Map.of());
      assertThat(media.statusCode()).isEqualTo(200);
      assertThat(media.body()).isEqualTo(Media.sampleMp4());
    } else {
      assertThat(playback.code()).isEqualTo(code);
      assertThat(playback.raw().body()).doesNotContain("stream?");
    }
    // Thumbnails advertise every tier, to everyone.
    assertThat(api.getBytes("/api/v1/videos/" + id + "/thumbnail", Map.of()).statusCode())
        .isEqualTo(200);
  }

  @Test
  void rangesAreServedAsPartialContent() {
    String url =
        api.get("/api/v1/videos/" + VIDEO_BY_TIER.get(0) + "/playback", null)
            .json()
            .path("url")
            .asText();
    byte[] whole = Media.sampleMp4();
    HttpResponse<byte[]> first = api.getBytes(url, Map.of("Range", "bytes=0-99"));
    assertThat(first.statusCode()).isEqualTo(206);
    assertThat(first.headers().firstValue("Content-Range")).hasValue("bytes 0-99/" + whole.length);
    assertThat(first.headers().firstValue("Accept-Ranges")).hasValue("bytes");
    assertThat(first.body()).isEqualTo(Arrays.copyOfRange(whole, 0, 100));
    HttpResponse<byte[]> tail = api.getBytes(url, Map.of("Range", "bytes=-10"));
    assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(whole, whole.length - 10, whole.length));
    HttpResponse<byte[]> open =
        api.getBytes(url, Map.of("Range", "bytes=" + (whole.length - 5) + "-"));
    assertThat(open.statusCode()).isEqualTo(206);
    assertThat(open.body()).hasSize(5);
    HttpResponse<byte[]> beyond = api.getBytes(url, Map.of("Range", "bytes=" + whole.length + "-"));
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */" + whole.length);
    assertThat(api.getBytes(url, Map.of("Range", "bytes=0-1,5-9")).statusCode())
        .as("multiple ranges: whole body")
        .isEqualTo(200);
  }

  @Test
  void signedUrlsCannotBeTamperedReusedByOthersOrKeptPastExpiry() {
    long premium = VIDEO_BY_TIER.get(2);
    String url =
        api.get("/api/v1/videos/" + premium + "/playback", TOKENS.get("member"))
            .json()
            .path("url")
            .asText();
    assertThat(api.getBytes(url.replace("viewer=u", "viewer=u9"), Map.of()).statusCode())
        .isEqualTo(403);
    assertThat(api.getBytes(url.replaceAll("sig=[0-9a-f]{4}", "sig=0000"), Map.of()).statusCode())
        .isEqualTo(403);
    assertThat(
            api.getBytes(
                    url.replace(
                        "/videos/" + premium + "/", "/videos/" + VIDEO_BY_TIER.get(1) + "/"),
                    Map.of())
                .statusCode())
        .as("a signature is bound to its video")
        .isEqualTo(403);
    assertThat(api.getBytes("/api/v1/videos/" + premium + "/stream", Map.of()).statusCode())
        .isEqualTo(403);
    CLOCK.advance(Duration.ofMinutes(11));
    try {
      assertThat(api.get(url, null).code()).isEqualTo("playback_expired");
    } finally {
      CLOCK.advance(Duration.ofMinutes(-11));
    }
  }

  @Test
  void theNodesOwnCopyIsServedOnlyAfterTheSameChecks() throws Exception {
    JsonNode member = api.register("copy-member@example.com", "password-123", "Copy member");
    String memberToken = member.path("accessToken").asText();
    grantMembership(member.path("user").path("id").asLong(), "sub_copy");
    String key =
        api.sendBytes(
                "POST", "/api/v1/upload/video", Media.sampleMp4(), "video/mp4", TOKENS.get("owner"))
            .json()
            .path("key")
            .asText();
    long id =
        api.post(
                "/api/v1/videos",
                Map.of("title", "copied", "accessTier", 2, "videoKey", key),
                TOKENS.get("owner"))
            .json()
            .path("id")
            .asLong();
    api.post("/api/v1/videos/" + id + "/toggle-publish", null, TOKENS.get("owner"));
    String url =
        api.get("/api/v1/videos/" + id + "/playback", memberToken).json().path("url").asText();
    byte[] whole = Media.sampleMp4();
    assertThat(api.getBytes(url, Map.of()).body()).isEqualTo(whole);

    // Once the copy is on disk, the object can vanish from S3 and the bytes still come: they come
    // from the copy.
    long deadline = System.currentTimeMillis() + 10_000;
    while (copyOf(key).isEmpty() && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(copyOf(key)).hasSize(1);
    MinioClient s3 =
        MinioClient.builder()
            .endpoint(services.s3Endpoint())
            .credentials(services.s3AccessKey(), services.s3SecretKey())
            .build();
    s3.removeObject(RemoveObjectArgs.builder().bucket(services.s3Bucket()).object(key).build());
    HttpResponse<byte[]> range = api.getBytes(url, Map.of("Range", "bytes=100-199"));
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.headers().firstValue("Content-Range"))
        .hasValue("bytes 100-199/" + whole.length);
    assertThat(range.body()).isEqualTo(Arrays.copyOfRange(whole, 100, 200));
    assertThat(api.getBytes(url, Map.of()).body()).isEqualTo(whole);
    assertThat(api.getBytes(url, Map.of("Range", "bytes=" + whole.length + "-")).statusCode())
        .isEqualTo(416);

    for (String viewer : List.of("guest", "user", "subscriber")) {
      assertThat(api.get("/api/v1/videos/" + id + "/playback", TOKENS.get(viewer)).code())
          .isEqualTo("membership_required");
    }
    assertThat(api.getBytes(url.replace("viewer=u", "viewer=u9"), Map.of()).statusCode())
        .isEqualTo(403);
    sql(
        "UPDATE memberships SET status = 'canceled', current_period_end = NOW() - INTERVAL 1 DAY WHERE paddle_subscription_id = 'sub_copy'");
    assertThat(api.getBytes(url, Map.of("Range", "bytes=0-0")).statusCode())
        .as("lapsed: the copy is not served either")
        .isEqualTo(403);

    api.post("/api/v1/videos/" + id + "/toggle-publish", null, TOKENS.get("owner"));
    assertThat(api.delete("/api/v1/videos/" + id, TOKENS.get("owner")).status()).isEqualTo(204);
    assertThat(copyOf(key)).as("deleting the video drops this node's copy").isEmpty();
  }

  /**
   * The whole copy of {@code key} in the app's cache directory (named by the SHA-256 of the key),
   * if any. Looked up by name in each process directory, never by walking one: fills rename their
   * part files meanwhile, and a walk that reads an entry's attributes fails on one that vanished.
   */
  private static List<Path> copyOf(String key) throws Exception {
    String name =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    try (var processes = Files.list(mediaCacheParent)) {
      return processes.map(dir -> dir.resolve(name)).filter(Files::exists).toList();
    }
  }

  @Test
  void accessIsCheckedAgainWhenStreaming() {
    String viewer =
        api.register("leaver@example.com", "password-123", "Leaver").path("accessToken").asText();
    api.post("/api/v1/channels/" + channelId + "/subscription", null, viewer);
    String url =
        api.get("/api/v1/videos/" + VIDEO_BY_TIER.get(1) + "/playback", viewer)
            .json()
            .path("url")
            .asText();
    assertThat(api.getBytes(url, Map.of("Range", "bytes=0-0")).statusCode()).isEqualTo(206);
    assertThat(api.delete("/api/v1/channels/" + channelId + "/subscription", viewer).status())
        .isEqualTo(204);
    assertThat(api.getBytes(url, Map.of("Range", "bytes=0-0")).statusCode())
        .as("unsubscribed: the fresh URL stops working")
        .isEqualTo(403);
  }

  @Test
  void channelPagesListPublishedVideosWithLocks() {
    JsonNode channel = api.get("/api/v1/channels/" + channelId, null).json();
    assertThat(channel.path("name").asText()).isEqualTo("Owner");
    assertThat(channel.path("videoCount").asLong()).isEqualTo(3);
    assertThat(channel.path("subscriberCount").asLong()).isGreaterThanOrEqualTo(1);
    JsonNode videos = api.get("/api/v1/channels/" + channelId + "/videos?pageSize=2", null).json();
    assertThat(videos.path("total").asLong()).isEqualTo(3);
    assertThat(videos.path("items")).hasSize(2);
    JsonNode all = api.get("/api/v1/channels/" + channelId + "/videos", null).json().path("items");
    for (JsonNode card : all) {
      assertThat(card.path("locked").asBoolean()).isEqualTo(card.path("accessTier").asInt() > 0);
      assertThat(card.toString())
          .as("no object key or playable URL")
          .doesNotContain("\"videos/")
          .doesNotContain(".mp4")
          .doesNotContain("stream");
    }
    assertThat(
            api.post("/api/v1/channels/" + channelId + "/subscription", null, TOKENS.get("owner"))
                .code())
        .isEqualTo("cannot_subscribe_self");
    assertThat(
            api.get("/api/v1/me/subscriptions", TOKENS.get("subscriber"))
                .json()
                .path("items")
                .get(0)
                .path("id")
                .asLong())
        .isEqualTo(channelId);
    assertThat(api.get("/api/v1/channels/999999", null).code()).isEqualTo("channel_not_found");
  }
}
