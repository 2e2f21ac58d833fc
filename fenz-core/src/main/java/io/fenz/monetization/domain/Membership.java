package io.fenz.monetization.domain;

import java.time.Instant;
import java.util.Set;

/**
 * A paid membership as the last applied Paddle event left it. {@code currentPeriodEnd} is the end
 * of the last period paid for and is never cleared (Paddle sends no period on canceled
 * subscriptions).
 */
public record Membership(
    long id,
    long userId,
    long channelId,
    String channelName,
    String subscriptionId,
    String status,
    Instant currentPeriodEnd,
    Instant cancelAt,
    Instant activatedAt,
    Instant updatedFromEventAt) {
  /** Statuses that grant access whatever the period says: Paddle is billing normally. */
  public static final Set<String> BILLING = Set.of("active", "trialing");

  /** Statuses that grant access only until the stored period end. */
  public static final Set<String> WINDING_DOWN = Set.of("past_due", "canceled");

  public static boolean grantsAccess(String status, Instant currentPeriodEnd, Instant now) {
    return BILLING.contains(status)
        || (WINDING_DOWN.contains(status)
            && currentPeriodEnd != null
            && currentPeriodEnd.isAfter(now));
  }

  public boolean isActive(Instant now) {
    return grantsAccess(status, currentPeriodEnd, now);
  }

  /**
   * When access ends if nothing changes: the scheduled cancel, else the period end for a lapsing
   * one; null while billing.
   */
  public Instant endsAt() {
    return cancelAt != null ? cancelAt : BILLING.contains(status) ? null : currentPeriodEnd;
  }
}
