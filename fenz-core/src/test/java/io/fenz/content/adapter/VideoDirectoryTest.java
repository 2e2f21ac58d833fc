package io.fenz.content.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fenz.content.app.RecentVideos;
import io.fenz.content.app.VideoAccess;
import io.fenz.content.domain.AccessTier;
import io.fenz.content.domain.ListedVideo;
import io.fenz.content.domain.Video;
import io.fenz.content.domain.Viewer;
import io.fenz.content.domain.Watchable;
import io.fenz.content.port.ChannelAccess;
import io.fenz.content.port.VideoRepository;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.db.Database;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.listing.RedisListingChanges;
import io.fenz.platform.redis.RedisStore;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The directory that counting a view reads, on real MariaDB and Redis: what changes after the load
 * applies at the next turn of its loop ({@code tick}, every second in production), and a video it
 * lacks is read from MySQL.
 */
@WithFenzServices
class VideoDirectoryTest {
  private static Database db;
  private static RedisStore redis;
  private static VideoRepository videos;
  private static long owner;
  private static long channel;
  private FollowedVideoDirectory directory;
  private RecentVideos recent;

  @BeforeAll
  static void open(TestEnvironment env) {
    db = TestConfigs.migratedDatabase(env, 4);
    redis = TestConfigs.redis(env, 4);
    videos = new JdbiVideoRepository(db);
    owner =
        Sql.insert(
            env,
            "INSERT INTO users (email, password_hash, display_name, created_at, updated_at)"
                + " VALUES ('dir@example.com', 'x', 'Dir', NOW(), NOW())");
    channel =
        Sql.insert(
            env,
            "INSERT INTO channels (user_id, name, created_at) VALUES ("
                + owner
                + ", 'Dir', NOW())");
  }

  @AfterAll
  static void close() {
    redis.close();
    db.close();
  }

  private void newDirectory() {
    directory =
        new FollowedVideoDirectory(
            new JdbiDirectoryRows(db), new RedisListingChanges(redis), new SimpleMeterRegistry());
    recent = new RecentVideos(videos, directory, new CaffeineRecentlyListed(Clock.systemUTC()));
  }

  @Test
  void aListedVideoIsAnsweredFromTheDirectoryOnceLoaded() {
    long id = published();
    newDirectory();
    assertThat(recent.visibleTo(id, null))
        .as("not loaded: read from MySQL")
        .isInstanceOf(Video.class);

    directory.tick(); // the load
    assertThat(recent.visibleTo(id, null))
        .isEqualTo(new ListedVideo(id, channel, owner, AccessTier.PUBLIC));
  }

  @Test
  void anUnpublishAfterTheLoadStopsCountingAtTheNextTurn() {
    long id = published();
    loaded();
    videos.setPublished(id, false, null, Instant.now());
    directory.tick();
    assertNotFound(id);
  }

  @Test
  void aTierChangeAfterTheLoadAppliesAtTheNextTurn() {
    long id = published();
    loaded();
    db.withHandle(
        h ->
            h.createUpdate("UPDATE videos SET access_tier = 2 WHERE id = :id")
                .bind("id", id)
                .execute());
    directory.tick();
    Watchable video = recent.visibleTo(id, null);
    assertThat(video.accessTier()).isEqualTo(AccessTier.MEMBERS);
    assertThatThrownBy(() -> new VideoAccess(noChannels()).requireWatch(video, guest()))
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.code()).isEqualTo("membership_required"));
  }

  @Test
  void aHiddenOwnerLosesTheirVideosAtTheNextTurnAndGetsThemBackWhenRestored() {
    long id = published();
    loaded();
    setHidden(true);
    try {
      directory.tick();
      assertNotFound(id);
    } finally {
      setHidden(false);
    }
    directory.tick();
    assertThat(directory.find(id)).isPresent();
  }

  @Test
  void aDeletionAnnouncedByAnotherProcessLeavesTheDirectoryAtTheNextTurn() {
    long id = published();
    loaded();
    // What DeleteVideo does in another process: the row goes, then discovery's hook announces it.
    db.withHandle(
        h -> h.createUpdate("DELETE FROM videos WHERE id = :id").bind("id", id).execute());
    new RedisListingChanges(redis).videosChanged(List.of(id));
    directory.tick();
    assertThat(directory.find(id)).isEmpty();
  }

  @Test
  void aVideoPublishedAfterTheLoadCountsAtOnce() {
    loaded();
    long id = published();
    assertThat(directory.find(id)).as("not caught up yet").isEmpty();
    assertThat(recent.visibleTo(id, null).isListed()).isTrue();
  }

  private void loaded() {
    newDirectory();
    directory.tick();
  }

  private void assertNotFound(long id) {
    assertThatThrownBy(() -> recent.visibleTo(id, null))
        .isInstanceOfSatisfying(
            FenzException.class, e -> assertThat(e.code()).isEqualTo("video_not_found"));
  }

  private static void setHidden(boolean hidden) {
    db.withHandle(
        h ->
            h.createUpdate("UPDATE users SET is_hidden = :hidden WHERE id = :id")
                .bind("hidden", hidden)
                .bind("id", owner)
                .execute());
  }

  private static long published() {
    Instant now = Instant.now();
    long id =
        videos.insert(
            new VideoRepository.NewVideo(
                channel,
                null,
                "t",
                "",
                60,
                AccessTier.PUBLIC,
                "videos/dir/" + UUID.randomUUID() + ".mp4",
                null,
                List.of()),
            now);
    videos.setPublished(id, true, now, now);
    return id;
  }

  private static Viewer guest() {
    return new Viewer(null, UUID.randomUUID().toString());
  }

  /** A guest is never a subscriber or member: the rule asks nothing of channels for one. */
  private static ChannelAccess noChannels() {
    return (ChannelAccess)
        Proxy.newProxyInstance(
            ChannelAccess.class.getClassLoader(),
            new Class<?>[] {ChannelAccess.class},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
