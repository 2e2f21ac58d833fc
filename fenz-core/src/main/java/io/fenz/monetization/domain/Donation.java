package io.fenz.monetization.domain;

import java.time.Instant;

/**
 * A tip to a channel (optionally on a video). Amount in minor units; status changes only from
 * Paddle's events.
 */
public record Donation(
    long id,
    Long fromUserId,
    String fromName,
    long channelId,
    String channelName,
    Long videoId,
    long amount,
    String currency,
    String message,
    String status,
    Instant createdAt,
    Instant paidAt) {
  public static final String PENDING = "pending";
  public static final String PAID = "paid";
  public static final String FAILED = "failed";
  public static final String REFUNDED = "refunded";
}
