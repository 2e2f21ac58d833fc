package io.fenz.monetization.domain;

import java.time.Instant;

/**
 * One verified Paddle notification (or a reconciliation read standing in for a missed one): its id
 * for dedupe, its time for per-entity ordering, and the one change it means for us.
 */
public record PaymentEvent(String eventId, String type, Instant occurredAt, Change change) {
  public sealed interface Change
      permits TransactionPaid, TransactionFailed, SubscriptionState, Refund, Unrecognized {}

  /** A donation's transaction completed: amount and currency as Paddle charged them. */
  public record TransactionPaid(String transactionId, long amount, String currency)
      implements Change {}

  public record TransactionFailed(String transactionId) implements Change {}

  /**
   * A subscription's state; ids come from the custom_data our transaction carried. Null period or
   * cancel: not sent.
   */
  public record SubscriptionState(
      String subscriptionId,
      Long userId,
      Long channelId,
      String status,
      Instant periodEnd,
      Instant cancelAt)
      implements Change {}

  /** An approved refund or chargeback of a transaction. */
  public record Refund(String transactionId) implements Change {}

  /**
   * Valid but of no concern to us (another event type, a membership's own transaction, a pending
   * refund...).
   */
  public record Unrecognized(String reason) implements Change {}
}
