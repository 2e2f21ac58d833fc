package io.fenz.monetization.domain;

/**
 * What to charge: a monthly membership or a one-time tip, with the custom_data that ties Paddle's
 * events back to us.
 */
public record Checkout(
    Kind kind,
    long userId,
    long channelId,
    Long videoId,
    String message,
    long amount,
    String currency,
    String description) {
  public enum Kind {
    MEMBERSHIP,
    DONATION;

    public String customDataValue() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Paddle's answer: the transaction and where the payer completes it. */
  public record Started(String transactionId, String checkoutUrl) {}
}
