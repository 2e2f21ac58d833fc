package io.fenz.platform.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * The relay's lag in /metrics, read from the outbox table (so any process serving /metrics shows
 * it, whichever worker relays): {@code fenz_outbox_waiting_rows} and {@code
 * fenz_outbox_lag_seconds} (the age of the oldest waiting row). One query serves a scrape's two
 * gauges.
 */
@Singleton
public final class OutboxLag {
  private static final String WAITING_ROWS = "fenz.outbox.waiting.rows";
  private static final long FRESH_NANOS = Duration.ofSeconds(1).toNanos();
  private final OutboxRelay relay;
  private volatile OutboxRelay.Lag last = new OutboxRelay.Lag(0, Duration.ZERO);
  private volatile long readAt = Long.MIN_VALUE;

  @Inject
  public OutboxLag(OutboxRelay relay) {
    this.relay = relay;
  }

  /**
   * Adds the two gauges unless the registry has them: {@code fenz dev} runs the server and the
   * worker on one registry, and either's gauges read the same table.
   */
  public void register(MeterRegistry meters) {
    if (meters.find(WAITING_ROWS).gauge() != null) {
      return;
    }
    // Strong references: nothing else holds this once the HTTP component is built (a weak one reads
    // NaN).
    Gauge.builder(WAITING_ROWS, this, lag -> lag.current().waiting())
        .strongReference(true)
        .register(meters);
    Gauge.builder("fenz.outbox.lag", this, lag -> lag.current().oldest().toMillis() / 1000.0)
        .baseUnit("seconds")
        .strongReference(true)
        .register(meters);
  }

  private OutboxRelay.Lag current() {
    if (System.nanoTime() - readAt > FRESH_NANOS) {
      try {
        last = relay.lag();
      } catch (RuntimeException e) {
        return new OutboxRelay.Lag(-1, Duration.ofSeconds(-1)); // database down: visibly unknown
      }
      readAt = System.nanoTime();
    }
    return last;
  }
}
