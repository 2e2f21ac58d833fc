package io.fenz.platform.retry;

import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyConfig;
import java.time.Duration;

/**
 * A Failsafe {@link RetryPolicy} applied to work that waits in a queue between attempts instead of
 * in a sleeping thread: the policy says how long attempt {@code n} waits and when to give up, the
 * queue keeps the task meanwhile. In-process retries run the same kind of policy through {@code
 * Failsafe.with(...)}.
 */
public final class QueuedRetries {
  private final RetryPolicyConfig<Object> config;

  public QueuedRetries(RetryPolicy<Object> policy) {
    this.config = policy.getConfig();
    if (config.getDelayFactor() <= 1
        || config.getMaxDelay() == null
        || config.getMaxAttempts() < 1) {
      throw new IllegalArgumentException(
          "queued retries need a bounded exponential backoff and a maximum of attempts");
    }
  }

  /**
   * How long to wait before retrying after {@code failedAttempts} failures (1 = the first attempt
   * failed).
   */
  public Duration delayAfter(int failedAttempts) {
    double nanos =
        config.getDelay().toNanos()
            * Math.pow(config.getDelayFactor(), Math.max(0, failedAttempts - 1));
    return nanos >= config.getMaxDelay().toNanos()
        ? config.getMaxDelay()
        : Duration.ofNanos((long) nanos);
  }

  /**
   * Whether {@code failedAttempts} failures use up the policy: the task goes to the dead letters.
   */
  public boolean exhausted(int failedAttempts) {
    return failedAttempts >= config.getMaxAttempts();
  }
}
