package io.fenz.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fenz.content.domain.ContentEvents;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.platform.db.Database;
import io.fenz.platform.events.JdbiOutbox;
import io.fenz.platform.events.LocalEvents;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A real `fenz worker` process (its own JVM, on the shared MariaDB and nats-server) killed with
 * SIGKILL in the middle of a video's fan-out, then a new one started: every subscriber ends with
 * exactly one notification. The kill lands mid-fan-out deterministically: the test holds an
 * uncommitted notification row of one subscriber in the middle of the list, so the worker's batch
 * that reaches it waits on its lock after the batches before it have committed.
 */
@WithFenzServices
class WorkerKilledMidFanOutTest {
  private static final int SUBSCRIBERS = 3_000;
  private static final int BATCH = 100;

  /**
   * Short, so the restarted worker gets the message soon, yet longer than the restarted worker's
   * fan-out of the remaining batches (a redelivery then would be handled twice, harmlessly).
   */
  private static final String ACK_WAIT = "10s";

  /** Subscribers are users 2..3001; user 1550 is in the 16th batch (1502..1601). */
  private static final long HELD_USER = 1_550;

  private static final long COMMITTED_BEFORE_HELD_BATCH = 1_500;
  private static final Path LOGS = Path.of("target", "worker-killed");
  private static TestEnvironment env;

  @Test
  void aWorkerKilledMidFanOutAndARestartedOneLeaveEverySubscriberExactlyOneNotification(
      TestEnvironment services) throws Exception {
    env = services;
    assumeTrue(env.hasNats(), "needs FENZ_TEST_NATS_URL");
    String eventId = publishToSubscribers();
    Files.createDirectories(LOGS);
    Process first;
    try (Connection holder = DriverManager.getConnection(env.jdbcUrl())) {
      holder.setAutoCommit(false);
      try (PreparedStatement hold =
          holder.prepareStatement(
              "INSERT INTO notifications (user_id, kind, video_id, event_id, created_at)"
                  + " VALUES (?, 'video_published', 1, ?, NOW(3))")) {
        hold.setLong(1, HELD_USER);
        hold.setString(2, eventId);
        hold.executeUpdate();
      }
      first = startWorker("first");
      await(
          Duration.ofSeconds(180),
          () -> notifications() >= COMMITTED_BEFORE_HELD_BATCH,
          "the first worker has committed the batches before the held row");
      long beforeKill = notifications();
      assertThat(beforeKill)
          .as("mid-fan-out: the batch holding user " + HELD_USER + " waits on its lock")
          .isEqualTo(COMMITTED_BEFORE_HELD_BATCH);
      first.destroyForcibly(); // SIGKILL
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as("killed by SIGKILL").isEqualTo(137);
      holder.rollback();
    }
    Process second = startWorker("second");
    try {
      // JetStream redelivers the unacknowledged message once its ack wait (ACK_WAIT) has passed.
      await(
          Duration.ofSeconds(240),
          () -> notifications() == SUBSCRIBERS,
          "the restarted worker finishes the fan-out");
      assertThat(
              Sql.count(
                  env,
                  "SELECT COUNT(*) FROM channel_subscriptions s LEFT JOIN notifications n"
                      + " ON n.user_id = s.user_id AND n.video_id = 1 WHERE s.channel_id = 1 AND n.id IS NULL"))
          .as("subscribers without a notification")
          .isZero();
      assertThat(
              Sql.count(
                  env,
                  "SELECT COUNT(*) FROM (SELECT user_id FROM notifications WHERE video_id = 1"
                      + " GROUP BY user_id HAVING COUNT(*) > 1) d"))
          .as("subscribers notified twice")
          .isZero();
      assertThat(Sql.count(env, "SELECT COUNT(DISTINCT event_id) FROM notifications")).isEqualTo(1);
    } finally {
      second.destroy();
      if (!second.waitFor(30, TimeUnit.SECONDS)) {
        second.destroyForcibly();
      }
    }
  }

  @AfterAll
  static void dropStream() {
    if (env != null) {
      TestConfigs.dropStream(env);
    }
  }

  /**
   * A channel (user 1's) with {@link #SUBSCRIBERS} subscribers and a published video whose event is
   * committed to the outbox; returns its event id.
   */
  private static String publishToSubscribers() {
    try (Database db = TestConfigs.migratedDatabase(env, 2)) {
      Sql.execute(
          env,
          "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at)"
              + " SELECT seq, CONCAT('u', seq, '@example.com'), 'x', 'U', NOW(), NOW() FROM seq_1_to_"
              + (SUBSCRIBERS + 1),
          "INSERT INTO channels (id, user_id, name, created_at) VALUES (1, 1, 'C', NOW())",
          "INSERT INTO channel_subscriptions (user_id, channel_id, created_at)"
              + " SELECT id, 1, NOW() FROM users WHERE id > 1",
          "INSERT INTO videos (id, channel_id, title, description, video_key, is_published, created_at, updated_at)"
              + " VALUES (1, 1, 'v', '', 'k', TRUE, NOW(), NOW())");
      new JdbiOutbox(db, Clock.systemUTC(), new LocalEvents(Set.of()))
          .append(
              ContentEvents.VIDEO_PUBLISHED,
              Map.of("videoId", 1, "channelId", 1, "accessTier", 0, "tagIds", List.of()));
    }
    return Sql.text(env, "SELECT event_id FROM outbox");
  }

  /** `fenz worker` in its own JVM, as deployed, with small fan-out batches and a short ack wait. */
  private static Process startWorker(String name) throws Exception {
    Map<String, String> vars = new HashMap<>(TestConfigs.environment(env));
    vars.put("FENZ_FANOUT_BATCH", Integer.toString(BATCH));
    vars.put("FENZ_EVENT_ACK_WAIT", ACK_WAIT);
    return FenzProcesses.start(vars, "worker", LOGS.resolve(name + ".log"));
  }

  private static long notifications() {
    return Sql.count(env, "SELECT COUNT(*) FROM notifications WHERE video_id = 1");
  }

  private static void await(Duration bound, BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + bound + " waiting until " + what);
      }
      Thread.sleep(50);
    }
  }
}
