package io.fenz.discovery.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * {@code uploaded=today|week|month|year}: published within the last 24 hours, 7, 30 or 365 days
 * (rolling windows).
 */
public enum UploadedWithin implements SearchOption {
  TODAY(Duration.ofDays(1)),
  WEEK(Duration.ofDays(7)),
  MONTH(Duration.ofDays(30)),
  YEAR(Duration.ofDays(365));

  private final Duration window;

  UploadedWithin(Duration window) {
    this.window = window;
  }

  /**
   * From a whole second: searches within one second share the window, so an index can keep their
   * answer.
   */
  public Instant since(Instant now) {
    return now.truncatedTo(ChronoUnit.SECONDS).minus(window);
  }

  @Override
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
