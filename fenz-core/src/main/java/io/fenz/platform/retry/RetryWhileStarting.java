package io.fenz.platform.retry;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The one policy for what a node reads or writes while it starts (the feed warm-up's batches, the
 * search index build's reads): under start-up traffic a saturated pool answers {@code busy}, and
 * giving up there leaves the node cold. A runtime failure is tried again with backoff doubling from
 * the first delay to the longest, each retry logged, until the step succeeds or its bound has
 * passed. Callers run each step through {@code Failsafe.with(policy)}, so a retry resumes where the
 * work stands; they may add abort rules of their own before {@code build()}.
 */
public final class RetryWhileStarting {
  private RetryWhileStarting() {}

  /**
   * Tried until the step succeeds (or an abort rule the caller adds stops it). {@code retrying} is
   * logged at each retry, its one {@code {}} filled with the failure's message.
   */
  public static RetryPolicyBuilder<Object> untilItSucceeds(
      Duration firstDelay, Duration longestDelay, Logger log, String retrying) {
    return RetryPolicy.builder()
        .handle(RuntimeException.class)
        // Failsafe refuses a backoff whose longest wait is not above the first.
        .withBackoff(
            firstDelay,
            longestDelay.compareTo(firstDelay) > 0 ? longestDelay : firstDelay.multipliedBy(2))
        .withMaxRetries(-1)
        .onRetry(e -> log.warn(retrying, e.getLastException().getMessage()));
  }

  /** Tried until the step succeeds or {@code bound} has passed; then its last failure is thrown. */
  public static RetryPolicyBuilder<Object> forAtMost(
      Duration bound, Duration firstDelay, Duration longestDelay, Logger log, String retrying) {
    return untilItSucceeds(firstDelay, longestDelay, log, retrying).withMaxDuration(bound);
  }
}
