package io.fenz.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.http.testing.ApiClient;
import io.fenz.http.testing.TestApp;
import io.fenz.http.testing.TestVideos;
import io.fenz.testing.RedisProcess;
import io.fenz.testing.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.RedisClient;

/**
 * The tag feed on real Redis and MariaDB: algorithm properties, eviction hooks, and Redis failure.
 */
@WithFenzServices
class FeedApiTest {
  private static final long CATS = 8;
  private static final long COOKING = 6;
  private static final long HIKING = 10;
  @RegisterExtension static final TestApp app = TestApp.perClass();
  private static final ApiClient api = app.api;
  private static TestEnvironment env;
  private static RedisClient redis;
  private static String creator;
  private static long creatorId;
  private static long channelId;
  private static final List<Long> CAT_VIDEOS = new ArrayList<>();
  private static long premiumCat;
  private static long draftCat;
  private static long hikingVideo;

  @BeforeAll
  static void start(TestEnvironment environment) throws Exception {
    env = environment;
    redis = RedisClient.create(environment.redisUrl());
    JsonNode auth = api.register("feed-creator@example.com", "password-123", "Feed creator");
    creator = auth.path("accessToken").asText();
    creatorId = auth.path("user").path("id").asLong();
    channelId = auth.path("user").path("channelId").asLong();
    for (int i = 0; i < 30; i++) {
      CAT_VIDEOS.add(insertVideo("貓咪 " + i, 0, true, CATS, i % 2 == 0 ? COOKING : CATS));
    }
    premiumCat = insertVideo("付費貓咪", 2, true, CATS);
    draftCat = insertVideo("草稿貓咪", 0, false, CATS);
    hikingVideo = insertVideo("登山", 0, true, HIKING);
    app.warmFeedCache();
  }

  @AfterAll
  static void stop() {
    redis.close();
  }

  @Test
  void feedHoldsOnlyTheViewersTagsAtMostTwentyNoDuplicatesNoPaidOrDrafts() {
    Map<String, String> guest = Map.of("X-Session-Id", UUID.randomUUID().toString());
    api.send("PUT", "/api/v1/me/tags", Map.of("tagIds", List.of(CATS, COOKING)), null, guest);
    Set<List<Long>> distinctFeeds = new HashSet<>();
    for (int call = 0; call < 8; call++) {
      JsonNode feed = api.send("GET", "/api/v1/videos/recommended", null, null, guest).json();
      assertThat(feed.path("source").asText()).isEqualTo("tags");
      List<Long> ids = new ArrayList<>();
      for (JsonNode item : feed.path("items")) {
        ids.add(item.path("id").asLong());
        assertThat(item.path("matchedTags").size()).as("why this video").isPositive();
        for (JsonNode tag : item.path("matchedTags")) {
          assertThat(tag.path("id").asLong()).isIn(CATS, COOKING);
          assertThat(feed.path("chosenTagIds").toString()).contains(tag.path("id").asText());
        }
      }
      assertThat(ids)
          .hasSizeBetween(1, 20)
          .doesNotHaveDuplicates()
          .doesNotContain(premiumCat, draftCat, hikingVideo);
      distinctFeeds.add(ids);
    }
    assertThat(distinctFeeds).as("the feed changes between calls").hasSizeGreaterThan(1);
  }

  @Test
  void withoutTagsTheFeedIsPopularThenNewest() {
    JsonNode feed = api.get("/api/v1/videos/recommended", null).json();
    assertThat(feed.path("source").asText()).isIn("popular", "newest");
    assertThat(feed.path("items").size()).isEqualTo(20);
    assertThat(feed.path("items").findValuesAsText("id"))
        .doesNotContain(Long.toString(premiumCat), Long.toString(draftCat));
  }

  @Test
  void everyChangeEvictsOrRefreshesTheCache() throws Exception {
    long id = CAT_VIDEOS.get(1);
    assertThat(inTagSet(CATS, id)).isTrue();
    assertThat(api.patch("/api/v1/videos/" + id, Map.of("accessTier", 2), creator).status())
        .isEqualTo(200);
    assertThat(inTagSet(CATS, id)).as("now paid: out of the cache").isFalse();
    assertThat(redis.exists(key("card:" + id))).isFalse();
    api.patch("/api/v1/videos/" + id, Map.of("accessTier", 0, "tagIds", List.of(HIKING)), creator);
    assertThat(inTagSet(HIKING, id)).isTrue();
    assertThat(inTagSet(CATS, id)).as("old tag set cleaned").isFalse();
    api.post("/api/v1/videos/" + id + "/toggle-publish", null, creator);
    assertThat(inTagSet(HIKING, id)).as("unpublished").isFalse();
    api.post("/api/v1/videos/" + id + "/toggle-publish", null, creator);
    assertThat(inTagSet(HIKING, id)).as("published again").isTrue();
    assertThat(redis.get(key("card:" + id))).contains(" 貓咪 1");
    api.patch("/api/v1/videos/" + id, Map.of("title", "改名"), creator);
    assertThat(redis.get(key("card:" + id))).contains(" 改名").doesNotContain("貓咪 1");
  }

  /**
   * This process keeps in-process copies of the cache; changes made through another process must
   * still leave its feed.
   */
  @Test
  void changesMadeByAnotherProcessReachThisProcessesFeed() throws Exception {
    long tag =
        Sql.insert(
            env,
            "INSERT INTO tags (slug, name_zh, name_en) VALUES ('cross-process', '跨程序', 'Cross process')");
    long video = insertVideo("另一個程序會改的影片", 0, true, tag);
    app.warmFeedCache();
    Map<String, String> guest = Map.of("X-Session-Id", UUID.randomUUID().toString());
    api.send("PUT", "/api/v1/me/tags", Map.of("tagIds", List.of(tag)), null, guest);
    for (int i = 0; i < 5; i++) {
      assertThat(feedTitles(guest)).containsExactly("另一個程序會改的影片");
    }
    try (TestApp other = TestApp.start(env)) {
      assertThat(
              other.api.patch("/api/v1/videos/" + video, Map.of("title", "改名了"), creator).status())
          .isEqualTo(200);
      awaitFeed(guest, List.of("改名了"));
      assertThat(
              other.api.post("/api/v1/videos/" + video + "/toggle-publish", null, creator).status())
          .isEqualTo(200);
      awaitFeed(guest, List.of());
    }
  }

  private static List<String> feedTitles(Map<String, String> viewer) {
    return api.send("GET", "/api/v1/videos/recommended", null, null, viewer)
        .json()
        .path("items")
        .findValuesAsText("title");
  }

  /**
   * Redis pushes the change to this process; allow it a moment, as any other cache reader would.
   */
  private static void awaitFeed(Map<String, String> viewer, List<String> titles)
      throws InterruptedException {
    for (int i = 0; i < 200 && !feedTitles(viewer).equals(titles); i++) {
      Thread.sleep(25);
    }
    assertThat(feedTitles(viewer)).isEqualTo(titles);
  }

  @Test
  void hidingOrDeletingTheOwnerEvictsAllItsVideos() throws Exception {
    JsonNode other = api.register("leaving@example.com", "password-123", "Leaving");
    String token = other.path("accessToken").asText();
    long otherChannel = other.path("user").path("channelId").asLong();
    long video = insertVideoIn(otherChannel, "要離開的影片", 0, true, HIKING);
    app.warmFeedCache();
    assertThat(inTagSet(HIKING, video)).isTrue();
    assertThat(api.post("/api/v1/me/hide", null, token).status()).isEqualTo(200);
    assertThat(inTagSet(HIKING, video)).isFalse();
    assertThat(api.get("/api/v1/videos/" + video, null).status()).isEqualTo(404);
    assertThat(api.get("/api/v1/channels/" + otherChannel, null).status()).isEqualTo(404);
    // Restored by an admin, it comes back; then the owner deletes the account.
    restore(other.path("user").path("id").asLong());
    assertThat(inTagSet(HIKING, video)).isTrue();
    String again =
        api.post(
                "/api/v1/auth/login",
                Map.of("email", "leaving@example.com", "password", "password-123"),
                null)
            .json()
            .path("accessToken")
            .asText();
    assertThat(api.delete("/api/v1/me", again).status()).isEqualTo(204);
    assertThat(inTagSet(HIKING, video)).isFalse();
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM videos WHERE id = " + video)).isZero();
    assertThat(
            api.post(
                    "/api/v1/auth/login",
                    Map.of("email", "leaving@example.com", "password", "password-123"),
                    null)
                .status())
        .isEqualTo(401);
  }

  @Test
  void deletingTheChannelKeepsTheAccount() throws Exception {
    JsonNode other = api.register("channel-only@example.com", "password-123", "Channel only");
    String token = other.path("accessToken").asText();
    long otherChannel = other.path("user").path("channelId").asLong();
    long video = insertVideoIn(otherChannel, "頻道影片", 0, true, HIKING);
    app.warmFeedCache();
    assertThat(api.delete("/api/v1/me/channel", token).status()).isEqualTo(204);
    assertThat(inTagSet(HIKING, video)).isFalse();
    assertThat(api.get("/api/v1/me", token).json().has("channelId")).isFalse();
    assertThat(api.get("/api/v1/channels/" + otherChannel, null).status()).isEqualTo(404);
    assertThat(api.delete("/api/v1/me/channel", token).code()).isEqualTo("channel_not_found");
  }

  @Test
  void feedIsServedFromMySqlWhenRedisDies(TestEnvironment environment) throws Exception {
    assumeTrue(Sql.onPath("redis-server"), "redis-server is not installed");
    try (RedisProcess doomed = RedisProcess.start();
        TestApp local =
            TestApp.start(environment, Map.of("FENZ_REDIS_URL", doomed.url()), Clock.systemUTC())) {
      local.warmFeedCache();
      Map<String, String> guest = Map.of("X-Session-Id", UUID.randomUUID().toString());
      local.api.send("PUT", "/api/v1/me/tags", Map.of("tagIds", List.of(CATS)), null, guest);
      assertThat(
              local
                  .api
                  .send("GET", "/api/v1/videos/recommended", null, null, guest)
                  .json()
                  .path("items")
                  .size())
          .isPositive();
      doomed.kill();
      ApiClient.Response feed =
          local.api.send("GET", "/api/v1/videos/recommended", null, null, guest);
      assertThat(feed.status()).isEqualTo(200);
      assertThat(feed.json().path("items").size()).isPositive();
      assertThat(feed.json().path("items").findValuesAsText("id"))
          .doesNotContain(Long.toString(premiumCat));
      assertThat(local.api.get("/api/v1/videos/recommended", null).status())
          .as("popular path too")
          .isEqualTo(200);
      assertThat(
              local
                  .api
                  .patch(
                      "/api/v1/videos/" + CAT_VIDEOS.get(3),
                      Map.of("title", "Redis 掛了也能改"),
                      creator)
                  .status())
          .as("writes don't fail on a dead cache")
          .isEqualTo(200);
    }
  }

  private static void restore(long userId) throws Exception {
    JsonNode admin = api.register("feed-admin@example.com", "password-123", "Admin");
    Sql.execute(env, "UPDATE users SET role = 'ADMIN' WHERE email = 'feed-admin@example.com'");
    assertThat(
            api.post(
                    "/api/v1/admin/users/" + userId + "/restore",
                    null,
                    admin.path("accessToken").asText())
                .status())
        .isEqualTo(200);
  }

  private static boolean inTagSet(long tagId, long videoId) {
    return redis.sismember(key("tag:" + tagId), Long.toString(videoId));
  }

  private static String key(String name) {
    return env.redisKeyPrefix() + name;
  }

  private static long insertVideo(String title, int tier, boolean published, long... tags)
      throws Exception {
    return insertVideoIn(channelId, title, tier, published, tags);
  }

  private static long insertVideoIn(
      long channel, String title, int tier, boolean published, long... tags) {
    return TestVideos.insert(env, channel, title, tier, published, tags);
  }
}
