package io.fenz.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fenz.content.adapter.S3MediaStore;
import io.fenz.devstack.testing.TestEnvironment;
import io.fenz.devstack.testing.WithFenzServices;
import io.fenz.discovery.adapter.JdbiFeedSource;
import io.fenz.discovery.adapter.RedisFeedCache;
import io.fenz.discovery.app.KeepFeedCurrent;
import io.fenz.discovery.app.RunCleanupTasks;
import io.fenz.discovery.domain.FeedCard;
import io.fenz.platform.Infrastructure;
import io.fenz.platform.cleanup.CleanupTask;
import io.fenz.platform.cleanup.RedisCleanupQueue;
import io.fenz.testing.MutableClock;
import io.fenz.testing.TestConfigs;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Queued evictions and deletions on real Redis, S3 and MariaDB: retried with backoff,
 * dead-lettered, replayable.
 */
@WithFenzServices
class CleanupQueueTest {
  private static final MutableClock CLOCK = MutableClock.startingNow();
  private static Infrastructure infra;
  private static RedisCleanupQueue queue;
  private static RedisFeedCache cache;
  private static S3MediaStore store;
  private static RunCleanupTasks tasks;

  @BeforeAll
  static void open(TestEnvironment env) {
    infra = Infrastructure.open(TestConfigs.config(env, Map.of()), CLOCK);
    queue = new RedisCleanupQueue(infra.redis());
    cache = new RedisFeedCache(infra.redis());
    store = new S3MediaStore(infra.s3());
    JdbiFeedSource source = new JdbiFeedSource(infra.database());
    tasks =
        new RunCleanupTasks(queue, new KeepFeedCurrent(cache, source, queue), cache, store, CLOCK);
  }

  @BeforeEach
  void emptyQueues() {
    infra
        .redis()
        .client()
        .del(infra.redis().key("cleanup:queue"), infra.redis().key("cleanup:dead"));
  }

  @AfterAll
  static void close() {
    infra.close();
  }

  @Test
  void queuedEvictionsAndDeletionsRun() {
    cache.put(
        List.of(new FeedCard(4242, "stale", 1, "ch", false, 10, 0, Instant.now(), new long[] {7})));
    store.put("videos/9/orphan.mp4", new ByteArrayInputStream(new byte[] {1}), "video/mp4");
    queue.offer(CleanupTask.video(4242, List.of(7L)));
    queue.offer(CleanupTask.object("videos/9/orphan.mp4"));
    queue.offer(CleanupTask.tag(7));
    assertThat(tasks.execute(10)).isEqualTo(3);
    assertThat(cache.randomFromTags(List.of(7L), 10)).isEmpty();
    assertThat(cache.cards(List.of(4242L)))
        .as("a video no longer in MySQL is not re-added")
        .isEmpty();
    assertThat(queue.size()).isZero();
  }

  @Test
  void failingTasksBackOffThenDeadLetterAndCanBeReplayed() {
    queue.offer(new CleanupTask("mystery", 1, List.of(), null, 0, 0));
    for (int attempt = 0; attempt < RunCleanupTasks.MAX_ATTEMPTS; attempt++) {
      tasks.execute(10);
      assertThat(tasks.execute(10)).as("not retried before its backoff").isZero();
      CLOCK.advance(Duration.ofMinutes(11));
    }
    assertThat(queue.size()).isZero();
    assertThat(queue.dead())
        .hasSize(1)
        .first()
        .satisfies(t -> assertThat(t.attempt()).isEqualTo(RunCleanupTasks.MAX_ATTEMPTS - 1));
    assertThat(queue.replayDead()).isEqualTo(1);
    assertThat(queue.size()).isEqualTo(1);
    assertThat(queue.dead()).isEmpty();
  }
}
