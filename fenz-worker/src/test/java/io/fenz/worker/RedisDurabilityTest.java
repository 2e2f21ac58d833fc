package io.fenz.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.fenz.testing.RedisProcess;
import io.fenz.testing.Sql;
import io.fenz.testing.TestConfigs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Buffered views survive a Redis crash when Redis keeps an append-only file: a throwaway
 * redis-server is SIGKILLed during a burst of views, restarted on its files, and the flush stores
 * what it had acknowledged. Prints accepted vs stored for {@code appendfsync everysec} and {@code
 * always}.
 */
@WithFenzServices
class RedisDurabilityTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static final Duration WINDOW = Duration.ofMinutes(30);
  private static final Duration BURST_BEFORE_KILL = Duration.ofSeconds(3);
  private static TestEnvironment env;

  @BeforeAll
  static void rows(TestEnvironment environment) {
    env = environment;
    Infrastructure.open(TestConfigs.config(env), CLOCK).close(); // migrates the schema
    Sql.execute(
        env,
        "INSERT INTO users (id, email, password_hash, display_name, created_at, updated_at) VALUES (1, 'c@example.com', 'x', 'C', NOW(), NOW())");
    Sql.execute(
        env, "INSERT INTO channels (id, user_id, name, created_at) VALUES (1, 1, 'C', NOW())");
  }

  @Test
  void withAppendfsyncAlwaysNoAcknowledgedViewIsLost() throws Exception {
    Burst burst = killDuringBurst("always", 40);
    assertThat(burst.stored())
        .as("stored >= accepted: 0 lost")
        .isGreaterThanOrEqualTo(burst.accepted());
  }

  @Test
  void withAppendfsyncEverysecAtMostTheLastSecondIsLost() throws Exception {
    Burst burst = killDuringBurst("everysec", 41);
    // Redis fsyncs the file once a second; a slow disk may stretch that to two.
    assertThat(burst.accepted() - burst.stored())
        .as("lost")
        .isLessThanOrEqualTo(burst.acceptedInLastTwoSeconds());
  }

  @Test
  void aRedisWithoutAppendOnlyFileStopsTheProcessWhenDurabilityIsRequired() throws Exception {
    try (RedisProcess volatileRedis = RedisProcess.start()) {
      assertThatThrownBy(
              () ->
                  Infrastructure.open(
                      TestConfigs.config(
                          env,
                          Map.of(
                              "FENZ_REDIS_URL",
                              volatileRedis.url(),
                              "FENZ_REQUIRE_DURABLE_REDIS",
                              "true")),
                      CLOCK))
          .hasMessageContaining("FENZ_REQUIRE_DURABLE_REDIS=true")
          .hasMessageContaining("no append-only file");
    }
  }

  private record Burst(long accepted, long stored, long acceptedInLastTwoSeconds) {}

  private Burst killDuringBurst(String appendfsync, long video) throws Exception {
    Sql.execute(
        env,
        "INSERT INTO videos (id, channel_id, title, description, video_key, is_published, created_at, updated_at, search_tokens) "
            + "VALUES ("
            + video
            + ", 1, 't', '', 'videos/1/v.mp4', TRUE, NOW(), NOW(), '')");
    Path dir = Files.createTempDirectory("fenz-redis-aof");
    try (RedisProcess redis = RedisProcess.startWithAof(dir, appendfsync);
        Infrastructure infra =
            Infrastructure.open(
                TestConfigs.config(
                    env,
                    Map.of("FENZ_REDIS_URL", redis.url(), "FENZ_REQUIRE_DURABLE_REDIS", "true")),
                CLOCK)) {
      RedisViewBuffer buffer = new RedisViewBuffer(infra.redis());
      ConcurrentLinkedQueue<Long> acceptedAt = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      List<Thread> viewers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        viewers.add(
            Thread.ofPlatform()
                .start(
                    () -> {
                      while (!stop.get()) {
                        View view =
                            new View(
                                video,
                                null,
                                new Viewer(null, UUID.randomUUID().toString()).key(),
                                false,
                                CLOCK.instant());
                        if (buffer.add(view, WINDOW) == ViewBuffer.Outcome.COUNTED) {
                          acceptedAt.add(System.nanoTime());
                        }
                      }
                    }));
      }
      Thread.sleep(BURST_BEFORE_KILL.toMillis());
      redis.kill(); // SIGKILL: no shutdown, no last fsync
      long killedAt = System.nanoTime();
      Thread.sleep(500);
      stop.set(true);
      for (Thread viewer : viewers) {
        viewer.join();
      }
      redis.restart();
      flushWhenRedisIsBack(infra);
      long accepted = acceptedAt.size();
      long lastTwo =
          acceptedAt.stream().filter(t -> t > killedAt - Duration.ofSeconds(2).toNanos()).count();
      long lastOne =
          acceptedAt.stream().filter(t -> t > killedAt - Duration.ofSeconds(1).toNanos()).count();
      long stored =
          Long.parseLong(Sql.text(env, "SELECT views_non_member FROM videos WHERE id = " + video));
      System.out.printf(
          "redis durability, appendfsync %s: accepted %d, stored %d, lost %d (accepted in the last second before"
              + " the kill: %d)%n",
          appendfsync, accepted, stored, Math.max(0, accepted - stored), lastOne);
      assertThat(accepted).as("a burst happened").isGreaterThan(100);
      return new Burst(accepted, stored, lastTwo);
    }
  }

  /** Redis answers LOADING while it replays its file: the flush is retried until it runs. */
  private static void flushWhenRedisIsBack(Infrastructure infra) throws InterruptedException {
    FlushViews flush =
        new FlushViews(
            new RedisViewBuffer(infra.redis()), new JdbiViewRepository(infra.database()), CLOCK);
    RuntimeException last = null;
    for (int attempt = 0; attempt < 50; attempt++) {
      try {
        flush.execute(false);
        return;
      } catch (RuntimeException e) {
        last = e;
        Thread.sleep(200);
      }
    }
    throw last;
  }
}
