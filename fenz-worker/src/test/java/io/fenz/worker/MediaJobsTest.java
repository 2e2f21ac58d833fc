package io.fenz.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fenz.content.adapter.S3MediaStore;
import io.fenz.content.domain.MediaKind;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.discovery.adapter.JdbiFeedSource;
import io.fenz.discovery.adapter.RedisFeedCache;
import io.fenz.platform.Infrastructure;
import io.fenz.testing.MutableClock;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import io.fenz.worker.wiring.WorkerComponent;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The worker's media jobs against real MariaDB and the S3 API. */
@WithFenzServices
class MediaJobsTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static Infrastructure infra;
  private static Worker worker;
  private static S3MediaStore store;
  private static TestEnvironment env;

  @BeforeAll
  static void open(TestEnvironment environment) throws Exception {
    env = environment;
    infra = Infrastructure.open(TestConfigs.config(environment, Map.of()), CLOCK);
    worker = WorkerComponent.create(infra).worker();
    store = new S3MediaStore(infra.s3());
    Sql.execute(
        env,
        "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) VALUES (1, 'c@example.com', 'x', 'C', NOW(), NOW())");
    Sql.execute(
        env, "INSERT INTO channels (id, user_id, name, created_at) VALUES (1, 1, 'C', NOW())");
  }

  @AfterAll
  static void close() {
    infra.close();
  }

  @Test
  void videosWithoutThumbnailGetAFrameOfThemselves() throws Exception {
    assumeTrue(Sql.onPath("ffmpeg"), "ffmpeg is not installed");
    storeClip("videos/1/clip.mp4");
    Sql.execute(
        env,
        "INSERT INTO videos (id, channel_id, title, description, video_key, created_at, updated_at, search_tokens) "
            + "VALUES (10, 1, 't', '', 'videos/1/clip.mp4', NOW(), NOW(), '')");
    Sql.execute(
        env,
        "INSERT INTO videos (id, channel_id, title, description, video_key, created_at, updated_at, search_tokens) "
            + "VALUES (11, 1, 'broken', '', 'videos/1/missing.mp4', NOW(), NOW(), '')");

    for (int i = 0; i < 4; i++) {
      job("thumbnails").run();
    }
    String key = Sql.text(env, "SELECT thumbnail_key FROM videos WHERE id = 10");
    assertThat(key).startsWith("thumbnails/1/").endsWith(".jpg");
    byte[] head = store.read(key, 0, MediaKind.SNIFF_BYTES).readAllBytes();
    assertThat(MediaKind.sniff(head)).contains(MediaKind.JPEG);
    assertThat(Sql.text(env, "SELECT thumbnail_key FROM videos WHERE id = 11")).isNull();
    assertThat(Sql.text(env, "SELECT media_attempts FROM videos WHERE id = 11"))
        .as("a broken video is not retried forever")
        .isEqualTo("3");
  }

  @Test
  void aGeneratedThumbnailReachesTheCachedFeedCardAtOnce() throws Exception {
    assumeTrue(Sql.onPath("ffmpeg"), "ffmpeg is not installed");
    storeClip("videos/1/feed-clip.mp4");
    Sql.execute(
        env,
        "INSERT INTO videos (id, channel_id, title, description, video_key, is_published, published_at, created_at, updated_at,"
            + " search_tokens) VALUES (30, 1, 'in the feed', '', 'videos/1/feed-clip.mp4', TRUE, NOW(), NOW(), NOW(), '')");
    RedisFeedCache cards = new RedisFeedCache(infra.redis());
    cards.put(List.of(new JdbiFeedSource(infra.database()).eligible(30).orElseThrow()));
    assertThat(cards.cards(List.of(30L)).get(30L).hasThumbnail()).isFalse();

    job("thumbnails").run();

    assertThat(Sql.text(env, "SELECT thumbnail_key FROM videos WHERE id = 30")).isNotNull();
    assertThat(cards.cards(List.of(30L)).get(30L).hasThumbnail())
        .as("the cached card, not only the row")
        .isTrue();
  }

  @Test
  void uploadsNoVideoTookAreDeletedAfterADay() throws Exception {
    store.put("videos/1/old.mp4", new ByteArrayInputStream(new byte[] {1, 2, 3}), "video/mp4");
    store.put("videos/1/fresh.mp4", new ByteArrayInputStream(new byte[] {1, 2, 3}), "video/mp4");
    Sql.execute(
        env,
        "INSERT INTO uploads (object_key, user_id, kind, content_type, size_bytes, created_at) VALUES "
            + "('videos/1/old.mp4', 1, 'MP4', 'video/mp4', 3, UTC_TIMESTAMP() - INTERVAL 2 DAY), "
            + "('videos/1/fresh.mp4', 1, 'MP4', 'video/mp4', 3, UTC_TIMESTAMP())");
    job("orphan-upload-sweep").run();
    assertThat(Sql.text(env, "SELECT GROUP_CONCAT(object_key) FROM uploads"))
        .isEqualTo("videos/1/fresh.mp4");
    assertThat(store.size("videos/1/fresh.mp4")).isEqualTo(3);
    assertThat(exists("videos/1/old.mp4")).isFalse();
    CLOCK.advance(Duration.ofHours(25));
    job("orphan-upload-sweep").run();
    assertThat(exists("videos/1/fresh.mp4")).isFalse();
  }

  /** A 2-second clip made by ffmpeg, stored at {@code key}. */
  private static void storeClip(String key) throws Exception {
    Path clip = Files.createTempFile("clip", ".mp4");
    Process ffmpeg =
        new ProcessBuilder(
                "ffmpeg",
                "-v",
                "error",
                "-y",
                "-f",
                "lavfi",
                "-i",
                "testsrc=size=320x180:rate=10",
                "-t",
                "2",
                "-pix_fmt",
                "yuv420p",
                clip.toString())
            .inheritIO()
            .start();
    assertThat(ffmpeg.waitFor()).isZero();
    store.put(key, Files.newInputStream(clip), "video/mp4");
  }

  /**
   * True when S3 holds the object, false only when S3 answers that it has no such key; any other
   * failure fails the test.
   */
  private static boolean exists(String key) throws Exception {
    try {
      infra
          .s3()
          .client()
          .statObject(StatObjectArgs.builder().bucket(infra.s3().bucket()).object(key).build());
      return true;
    } catch (ErrorResponseException e) {
      if (e.errorResponse().code().equals("NoSuchKey")) {
        return false;
      }
      throw e;
    }
  }

  private static PeriodicJob job(String name) {
    return worker.jobs().stream().filter(j -> j.name().equals(name)).findFirst().orElseThrow();
  }
}
