package io.fenz.platform.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLogger;

/** What a node reads while it starts is tried again until it works, or until its bound. */
@Tag("unit")
class RetryWhileStartingTest {
  private static final Logger QUIET = NOPLogger.NOP_LOGGER;
  private static final Duration MS = Duration.ofMillis(1);
  private final AtomicInteger attempts = new AtomicInteger();

  @Test
  void aStepThatFailsIsTriedAgainUntilItSucceeds() {
    var policy = RetryWhileStarting.untilItSucceeds(MS, MS.multipliedBy(4), QUIET, "{}").build();

    String read =
        Failsafe.with(policy)
            .get(
                () -> {
                  if (attempts.incrementAndGet() <= 20) {
                    throw new IllegalStateException("busy");
                  }
                  return "rows";
                });

    assertThat(read).isEqualTo("rows");
    assertThat(attempts).hasValue(21);
  }

  @Test
  void aBoundedStepThatKeepsFailingGivesUpWithItsLastFailure() {
    var policy =
        RetryWhileStarting.forAtMost(Duration.ofMillis(50), MS, MS.multipliedBy(4), QUIET, "{}")
            .build();

    assertThatThrownBy(
            () ->
                Failsafe.with(policy)
                    .run(
                        () -> {
                          throw new IllegalStateException("busy " + attempts.incrementAndGet());
                        }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("busy " + attempts.get());
    assertThat(attempts).as("retried before giving up").hasValueGreaterThan(1);
  }

  @Test
  void onlyRuntimeFailuresAreRetried() {
    var policy = RetryWhileStarting.untilItSucceeds(MS, MS.multipliedBy(4), QUIET, "{}").build();

    assertThatThrownBy(
            () ->
                Failsafe.with(policy)
                    .run(
                        () -> {
                          attempts.incrementAndGet();
                          throw new IOException("disk");
                        }))
        .isInstanceOf(FailsafeException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void aFirstDelayNotBelowTheLongestStillBacksOff() {
    var config =
        RetryWhileStarting.untilItSucceeds(
                Duration.ofMinutes(2), Duration.ofMinutes(1), QUIET, "{}")
            .build()
            .getConfig();

    assertThat(config.getDelay()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.getMaxDelay()).isEqualTo(Duration.ofMinutes(4));
  }
}
