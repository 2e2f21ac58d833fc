package io.fenz.platform.cleanup;

import java.util.List;
import java.util.Optional;

/** The {@code cleanup:queue} list and its dead-letter list {@code cleanup:dead}. */
public interface CleanupQueue {
  /**
   * Queues a task; returns false when even the queue is unreachable (the TTL is then the last net).
   */
  boolean offer(CleanupTask task);

  Optional<CleanupTask> poll();

  void deadLetter(CleanupTask task);

  /** Moves every dead task back to the queue with a fresh attempt count; returns how many. */
  int replayDead();

  long size();

  List<CleanupTask> dead();
}
