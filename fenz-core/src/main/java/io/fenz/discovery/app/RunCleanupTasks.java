package io.fenz.discovery.app;

import dev.failsafe.RetryPolicy;
import io.fenz.content.port.MediaStore;
import io.fenz.discovery.port.FeedCache;
import io.fenz.platform.cleanup.CleanupQueue;
import io.fenz.platform.cleanup.CleanupTask;
import io.fenz.platform.observability.UseCaseSpan;
import io.fenz.platform.retry.QueuedRetries;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Worker: retries queued evictions and object deletions by {@link #RETRY} (exponential backoff from
 * 1 s to 10 min); after {@link #MAX_ATTEMPTS} a task goes to the dead-letter list for `fenz admin
 * cleanup-retry`.
 */
public final class RunCleanupTasks {
  public static final int MAX_ATTEMPTS = 8;
  static final RetryPolicy<Object> RETRY =
      RetryPolicy.builder()
          .withBackoff(Duration.ofSeconds(1), Duration.ofMinutes(10))
          .withMaxAttempts(MAX_ATTEMPTS)
          .build();
  private static final QueuedRetries RETRIES = new QueuedRetries(RETRY);
  private static final Logger LOG = LoggerFactory.getLogger(RunCleanupTasks.class);
  private final CleanupQueue queue;
  private final KeepFeedCurrent feed;
  private final FeedCache cache;
  private final MediaStore store;
  private final Clock clock;

  @Inject
  public RunCleanupTasks(
      CleanupQueue queue, KeepFeedCurrent feed, FeedCache cache, MediaStore store, Clock clock) {
    this.queue = queue;
    this.feed = feed;
    this.cache = cache;
    this.store = store;
    this.clock = clock;
  }

  /** Works through at most {@code limit} tasks; returns how many succeeded. */
  public int execute(int limit) {
    return UseCaseSpan.call("RunCleanupTasks", () -> perform(limit));
  }

  private int perform(int limit) {
    int done = 0;
    for (int i = 0; i < limit; i++) {
      Optional<CleanupTask> next = queue.poll();
      if (next.isEmpty()) {
        break;
      }
      CleanupTask task = next.get();
      long now = clock.millis();
      if (task.notBefore() > now) {
        queue.offer(task);
        continue;
      }
      try {
        run(task);
        done++;
      } catch (RuntimeException e) {
        int failures = task.attempt() + 1;
        if (RETRIES.exhausted(failures)) {
          LOG.error(
              "cleanup task {} failed {} times; dead-lettered: {}", task, failures, e.getMessage());
          queue.deadLetter(task);
        } else {
          queue.offer(task.retryAt(now + RETRIES.delayAfter(failures).toMillis()));
        }
      }
    }
    return done;
  }

  private void run(CleanupTask task) {
    switch (task.kind()) {
      case CleanupTask.VIDEO -> feed.resync(task.id(), task.ids());
      case CleanupTask.TAG -> cache.evictTag(task.id());
      case CleanupTask.OBJECT -> store.delete(task.key());
      default -> throw new IllegalArgumentException("unknown cleanup task kind " + task.kind());
    }
  }
}
