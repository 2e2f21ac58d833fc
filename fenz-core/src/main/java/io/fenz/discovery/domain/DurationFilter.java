package io.fenz.discovery.domain;

/** {@code duration=short|medium|long}: under 4 minutes, 4 to 20 minutes, over 20 minutes. */
public enum DurationFilter implements SearchOption {
  SHORT(0, 240),
  MEDIUM(240, 1201),
  LONG(1201, null);

  private final int minSeconds;
  private final Integer maxSecondsExclusive;

  DurationFilter(int minSeconds, Integer maxSecondsExclusive) {
    this.minSeconds = minSeconds;
    this.maxSecondsExclusive = maxSecondsExclusive;
  }

  /** Inclusive lower bound in seconds. */
  public int minSeconds() {
    return minSeconds;
  }

  /** Exclusive upper bound in seconds, or null for none. */
  public Integer maxSecondsExclusive() {
    return maxSecondsExclusive;
  }

  @Override
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
