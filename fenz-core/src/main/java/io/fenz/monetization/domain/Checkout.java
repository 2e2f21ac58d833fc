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

  /**
   * Paddle's answer: the transaction and where the payer completes it; {@code clientToken} lets the
   * browser open it with Paddle.js (null when the checkout page needs none: the local simulator).
   */
  public record Started(String transactionId, String checkoutUrl, String clientToken) {}
}
