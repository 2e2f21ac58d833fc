package io.fenz.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.RetryPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A Failsafe policy read as a schedule for queued work. */
@Tag("unit")
class QueuedRetriesTest {
  private final QueuedRetries retries =
      new QueuedRetries(
          RetryPolicy.builder()
              .withBackoff(Duration.ofSeconds(1), Duration.ofMinutes(10))
              .withMaxAttempts(8)
              .build());

  @Test
  void delaysDoubleFromTheFirstUpToTheLongest() {
    assertThat(retries.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(retries.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(retries.delayAfter(7)).isEqualTo(Duration.ofSeconds(64));
    assertThat(retries.delayAfter(30)).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void theLastAllowedAttemptExhaustsThePolicy() {
    assertThat(retries.exhausted(7)).isFalse();
    assertThat(retries.exhausted(8)).isTrue();
  }

  @Test
  void aPolicyWithoutBoundedBackoffCannotScheduleQueuedWork() {
    assertThatThrownBy(
            () -> new QueuedRetries(RetryPolicy.builder().withDelay(Duration.ofSeconds(1)).build()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
