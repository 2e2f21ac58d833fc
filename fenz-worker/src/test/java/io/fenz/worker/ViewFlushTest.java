package io.fenz.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.content.adapter.JdbiViewRepository;
import io.fenz.content.adapter.RedisViewBuffer;
import io.fenz.content.app.FlushViews;
import io.fenz.content.domain.View;
import io.fenz.content.domain.Viewer;
import io.fenz.content.port.ViewBuffer;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.Infrastructure;
import io.fenz.testing.MutableClock;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import io.fenz.worker.wiring.WorkerComponent;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The view flush is exactly-once when the worker dies at any step, and runs on shutdown. */
@WithFenzServices
class ViewFlushTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static final Duration WINDOW = Duration.ofMinutes(30);
  private static TestEnvironment env;
  private static Infrastructure infra;
  private static RedisViewBuffer buffer;
  private static JdbiViewRepository repository;

  @BeforeAll
  static void open(TestEnvironment environment) throws Exception {
    env = environment;
    infra = Infrastructure.open(TestConfigs.config(environment, Map.of()), CLOCK);
    buffer = new RedisViewBuffer(infra.redis());
    repository = new JdbiViewRepository(infra.database());
    Sql.execute(
        env,
        "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) VALUES (1, 'c@example.com', 'x', 'C', NOW(), NOW())");
    Sql.execute(
        env,
        "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) VALUES (2, 'v@example.com', 'x', 'V', NOW(), NOW())");
    Sql.execute(
        env, "INSERT INTO channels (id, user_id, name, created_at) VALUES (1, 1, 'C', NOW())");
    for (int id = 10; id <= 13; id++) {
      Sql.execute(
          env,
          "INSERT INTO videos (id, channel_id, title, description, video_key, is_published, created_at, updated_at, search_tokens) "
              + "VALUES ("
              + id
              + ", 1, 't', '', 'videos/1/v.mp4', TRUE, NOW(), NOW(), '')");
    }
  }

  @AfterAll
  static void close() {
    infra.close();
  }

  @Test
  void aWorkerDyingAfterSealingLosesNothing() throws Exception {
    addViews(10, 2);
    assertThat(buffer.seal()).isPresent(); // killed here, before the transaction
    addGuestViews(10, 2); // a new buffer fills meanwhile

    FlushViews.Result result = freshFlush().execute(true);

    assertThat(result.batches()).isEqualTo(2);
    assertThat(counts(10)).isEqualTo("1/4");
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM view_records WHERE video_id = 10"))
        .isEqualTo(1);
    assertThat(buffer.sealedBatches()).isEmpty();
  }

  @Test
  void aWorkerDyingAfterCommittingCountsNothingTwice() throws Exception {
    addViews(11, 3);
    String batchId = buffer.seal().orElseThrow();
    assertThat(repository.apply(buffer.read(batchId), CLOCK.instant()))
        .isTrue(); // committed, then killed before DEL

    FlushViews.Result replay = freshFlush().execute(true);

    assertThat(replay.batches()).as("already applied: only discarded").isZero();
    assertThat(counts(11)).isEqualTo("1/3");
    assertThat(
            Sql.text(
                env,
                "SELECT CONCAT(day, ' ', views_member, '/', views_non_member) FROM video_daily_views WHERE video_id = 11"))
        .as("the dashboard's daily rollup, written once by the same transaction")
        .isEqualTo(
            java.time.LocalDate.ofInstant(CLOCK.instant(), java.time.ZoneOffset.UTC) + " 1/3");
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM view_records WHERE video_id = 11"))
        .isEqualTo(1);
    assertThat(buffer.sealedBatches()).isEmpty();
  }

  @Test
  void viewsOfADeletedVideoAreDroppedNotBlockingTheBatch() throws Exception {
    addViews(12, 1);
    addViews(13, 1);
    Sql.execute(env, "DELETE FROM videos WHERE id = 13");
    freshFlush().execute(false);
    assertThat(counts(12)).isEqualTo("1/1");
    assertThat(Sql.count(env, "SELECT COUNT(*) FROM view_records WHERE video_id = 12"))
        .as("the record of video 13 did not fail the batch")
        .isEqualTo(1);
  }

  @Test
  void stoppingTheWorkerFlushesTheBuffer() throws Exception {
    Sql.execute(
        env,
        "INSERT INTO videos (id, channel_id, title, description, video_key, is_published, created_at, updated_at, search_tokens) "
            + "VALUES (14, 1, 't', '', 'videos/1/v.mp4', TRUE, NOW(), NOW(), '')");
    addViews(14, 2);
    WorkerComponent.create(infra).worker().start().close();
    assertThat(counts(14)).isEqualTo("1/2");
  }

  /**
   * A member view by user 2 (recorded one by one) and {@code guests} guest views (only counted).
   */
  private static void addViews(long video, int guests) {
    assertThat(buffer.add(new View(video, 2L, Viewer.user(2).key(), true, CLOCK.instant()), WINDOW))
        .isEqualTo(ViewBuffer.Outcome.COUNTED);
    addGuestViews(video, guests);
  }

  private static void addGuestViews(long video, int guests) {
    for (int i = 0; i < guests; i++) {
      Viewer guest = new Viewer(null, UUID.randomUUID().toString());
      assertThat(buffer.add(new View(video, null, guest.key(), false, CLOCK.instant()), WINDOW))
          .isEqualTo(ViewBuffer.Outcome.COUNTED);
    }
  }

  private static FlushViews freshFlush() {
    return new FlushViews(
        new RedisViewBuffer(infra.redis()), new JdbiViewRepository(infra.database()), CLOCK);
  }

  private static String counts(long video) throws Exception {
    return Sql.text(
        env, "SELECT CONCAT(views_member, '/', views_non_member) FROM videos WHERE id = " + video);
  }
}
