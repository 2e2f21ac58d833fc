package io.fenz.monetization.port;

import io.fenz.monetization.domain.Membership;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface MembershipRepository {
  /** The row of a Paddle subscription, locked for update inside a transaction. */
  Optional<Membership> lockBySubscription(String subscriptionId);

  /** Inserts a new row; false when the user or channel does not exist. */
  boolean insert(
      long userId,
      long channelId,
      String subscriptionId,
      String status,
      Instant periodEnd,
      Instant cancelAt,
      Instant activatedAt,
      Instant eventAt,
      Instant now);

  void update(
      long id,
      String status,
      Instant periodEnd,
      Instant cancelAt,
      Instant activatedAt,
      Instant eventAt);

  /** The user's memberships of a channel, newest first. */
  List<Membership> of(long userId, long channelId);

  Page<Membership> listOf(long userId, PageRequest page);

  /**
   * Rows Paddle should have told us about: still billing, or lapsing, and past their period end
   * with no event since.
   */
  List<Membership> overdue(Instant now, int limit);
}
