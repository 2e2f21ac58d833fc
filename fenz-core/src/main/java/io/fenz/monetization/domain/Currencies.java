package io.fenz.monetization.domain;

import java.util.Map;
import java.util.Optional;

/**
 * Currencies we charge in (all supported by Paddle Billing), with the smallest and largest amount
 * we accept for a tip or a monthly membership, in minor units as Paddle counts them (JPY and KRW
 * have none). The bounds are roughly US$1 and US$10,000.
 */
public final class Currencies {
  public record Bounds(long min, long max) {}

  private static final Map<String, Bounds> BOUNDS =
      Map.ofEntries(
          Map.entry("TWD", new Bounds(3_000, 30_000_000)),
          Map.entry("USD", new Bounds(100, 1_000_000)),
          Map.entry("EUR", new Bounds(100, 1_000_000)),
          Map.entry("GBP", new Bounds(100, 1_000_000)),
          Map.entry("JPY", new Bounds(150, 1_500_000)),
          Map.entry("KRW", new Bounds(1_500, 15_000_000)),
          Map.entry("HKD", new Bounds(800, 8_000_000)),
          Map.entry("SGD", new Bounds(150, 1_500_000)),
          Map.entry("AUD", new Bounds(150, 1_500_000)),
          Map.entry("CAD", new Bounds(150, 1_500_000)));

  private Currencies() {}

  /** Bounds of a supported currency code (exact upper case), empty for anything else. */
  public static Optional<Bounds> bounds(String currency) {
    return Optional.ofNullable(currency == null ? null : BOUNDS.get(currency));
  }
}
