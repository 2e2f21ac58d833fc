package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fenz.content.adapter.JdbiViewRepository;
import io.fenz.content.adapter.RedisViewBuffer;
import io.fenz.content.app.FlushViews;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.Media;
import io.fenz.http.testing.TestApp;
import io.fenz.testing.MutableClock;
import io.fenz.testing.Sql;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * POST /videos/{id}/views on real Redis and MariaDB: dedupe, member split, access, and Redis going
 * away.
 */
@WithFenzServices
class ViewsApiTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static TestEnvironment env;
  @RegisterExtension static final TestApp app = TestApp.perClass(Map.of(), CLOCK);
  private static final ApiClient api = app.api;
  private static String ownerToken;
  private static String memberToken;
  private static long memberId;

  @BeforeAll
  static void start(TestEnvironment environment) throws Exception {
    env = environment;
    TestApp.User owner = app.user("owner@example.com", "Owner");
    ownerToken = owner.token();
    long channelId = owner.channelId();
    TestApp.User member = app.user("member@example.com", "Member");
    memberToken = member.token();
    memberId = member.id();
    Sql.execute(
        env,
        "INSERT INTO memberships (user_id, channel_id, paddle_subscription_id, status, current_period_end, updated_from_event_at, created_at) "
            + "VALUES ("
            + memberId
            + ", "
            + channelId
            + ", 'sub_test', 'active', NOW() + INTERVAL 30 DAY, NOW(), NOW())");
  }

  @Test
  void aFloodFromOneViewerCountsOnceAndGuestsCountBySession() throws Exception {
    long video = video(0, true);
    String session = UUID.randomUUID().toString();
    assertThat(view(video, null, session).json().path("counted").asBoolean()).isTrue();
    for (int i = 0; i < 19; i++) {
      ApiClient.Response again = view(video, null, session);
      assertThat(again.status()).isEqualTo(202);
      assertThat(again.json().path("counted").asBoolean()).isFalse();
    }
    assertThat(view(video, null, UUID.randomUUID().toString()).json().path("counted").asBoolean())
        .as("another guest")
        .isTrue();
    var redis = app.infrastructure().redis();
    assertThat(redis.client().zscore(redis.key("popular:global"), Long.toString(video)))
        .isEqualTo(2.0);
    flush(app);
    assertThat(counts(video)).isEqualTo("0/2");
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM view_records WHERE video_id = " + video))
        .as("guests are only counted")
        .isZero();
  }

  @Test
  void membersAndOthersAreCountedApartAndUsersGetOneRecordEach() throws Exception {
    long video = video(0, true);
    String user =
        api.register("viewer@example.com", "password-123", "Viewer").path("accessToken").asText();
    assertThat(view(video, memberToken, null).json().path("counted").asBoolean()).isTrue();
    assertThat(
            view(video, memberToken, UUID.randomUUID().toString())
                .json()
                .path("counted")
                .asBoolean())
        .as("a user is one viewer whatever the session")
        .isFalse();
    assertThat(view(video, user, null).json().path("counted").asBoolean()).isTrue();
    assertThat(view(video, ownerToken, null).json().path("counted").asBoolean())
        .as("the owner's own view")
        .isFalse();
    flush(app);
    assertThat(counts(video)).isEqualTo("1/1");
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM view_records WHERE video_id = " + video))
        .isEqualTo(2);
    assertThat(
            Sql.count(
                env,
                "SELECT COUNT(*) FROM view_records WHERE video_id = "
                    + video
                    + " AND is_member AND viewer = 'u:"
                    + memberId
                    + "'"))
        .isEqualTo(1);
    assertThat(
            api.get("/api/v1/videos/" + video, ownerToken)
                .json()
                .path("owner")
                .path("viewsMember")
                .asLong())
        .isEqualTo(1);
  }

  @Test
  void onlyVideosTheViewerMayWatchAreCounted() throws Exception {
    long unpublished = video(0, false);
    long membersOnly = video(2, true);
    String guest = UUID.randomUUID().toString();
    assertThat(view(999_999, null, guest).code()).isEqualTo("video_not_found");
    assertThat(view(unpublished, null, guest).code()).isEqualTo("video_not_found");
    assertThat(view(unpublished, ownerToken, null).json().path("counted").asBoolean()).isFalse();
    ApiClient.Response locked = view(membersOnly, null, guest);
    assertThat(locked.status()).isEqualTo(403);
    assertThat(locked.code()).isEqualTo("membership_required");
    assertThat(view(membersOnly, memberToken, null).json().path("counted").asBoolean()).isTrue();
    assertThat(view(membersOnly, null, "not-a-uuid").code()).isEqualTo("invalid_session_id");
    ApiClient.Response nobody = view(membersOnly, null, null);
    assertThat(nobody.status()).isEqualTo(400);
    assertThat(nobody.code()).isEqualTo("session_required");
    flush(app);
    assertThat(counts(unpublished)).isEqualTo("0/0");
    assertThat(counts(membersOnly)).isEqualTo("1/0");
  }

  @Test
  void unpublishingStopsCountingWithinSeconds() {
    long video = video(0, true);
    assertThat(view(video, null, UUID.randomUUID().toString()).json().path("counted").asBoolean())
        .isTrue();
    api.post("/api/v1/videos/" + video + "/toggle-publish", null, ownerToken);
    CLOCK.advance(Duration.ofSeconds(6));
    assertThat(view(video, null, UUID.randomUUID().toString()).code()).isEqualTo("video_not_found");
  }

  @Test
  void withRedisGoneViewsGoStraightToTheDatabase() throws Exception {
    assumeTrue(Sql.onPath("redis-server"), "redis-server is not installed");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Process redis =
        new ProcessBuilder(
                "redis-server",
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      awaitPort(port);
      TestApp outage =
          TestApp.start(env, Map.of("FENZ_REDIS_URL", "redis://127.0.0.1:" + port), CLOCK);
      try {
        long video = video(0, true);
        assertThat(
                outage
                    .api
                    .send(
                        "POST",
                        "/api/v1/videos/" + video + "/views",
                        null,
                        null,
                        Map.of("X-Session-Id", UUID.randomUUID().toString()))
                    .json()
                    .path("counted")
                    .asBoolean())
            .isTrue();
        flush(outage);
        assertThat(counts(video)).isEqualTo("0/1");
        redis.destroy();
        redis.waitFor();
        ApiClient.Response during =
            outage.api.send(
                "POST", "/api/v1/videos/" + video + "/views", null, memberToken, Map.of());
        assertThat(during.status()).isEqualTo(202);
        assertThat(during.json().path("counted").asBoolean()).isTrue();
        assertThat(counts(video)).isEqualTo("1/1");
        assertThat(
                Sql.count(
                    env,
                    "SELECT COUNT(*) FROM view_records WHERE video_id = "
                        + video
                        + " AND user_id = "
                        + memberId))
            .isEqualTo(1);
        assertThat(outage.api.get("/metrics", null).raw().body())
            .contains("fenz_views_direct_writes_total 1.0");
      } finally {
        outage.close();
      }
    } finally {
      redis.destroy();
    }
  }

  private static void awaitPort(int port) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        new Socket("127.0.0.1", port).close();
        return;
      } catch (IOException notYet) {
        if (attempt == 50) {
          throw new IllegalStateException("redis-server did not start on " + port);
        }
        Thread.sleep(100);
      }
    }
  }

  private static ApiClient.Response view(long video, String token, String session) {
    return api.send(
        "POST",
        "/api/v1/videos/" + video + "/views",
        null,
        token,
        session == null ? Map.of() : Map.of("X-Session-Id", session));
  }

  /** What the worker's job does every 30 s. */
  private static void flush(TestApp target) {
    new FlushViews(
            new RedisViewBuffer(target.infrastructure().redis()),
            new JdbiViewRepository(target.infrastructure().database()),
            CLOCK)
        .execute(true);
  }

  private static long video(int tier, boolean published) {
    String key =
        api.sendBytes("POST", "/api/v1/upload/video", Media.sampleMp4(), "video/mp4", ownerToken)
            .json()
            .path("key")
            .asText();
    long id =
        api.post(
                "/api/v1/videos",
                Map.of("title", "tier " + tier, "accessTier", tier, "videoKey", key),
                ownerToken)
            .json()
            .path("id")
            .asLong();
    if (published) {
      api.post("/api/v1/videos/" + id + "/toggle-publish", null, ownerToken);
    }
    return id;
  }

  /** "member/non-member" views as stored in MySQL. */
  private static String counts(long video) throws Exception {
    return Sql.text(
        env, "SELECT CONCAT(views_member, '/', views_non_member) FROM videos WHERE id = " + video);
  }
}
