package io.fenz.monetization.port;

import io.fenz.monetization.domain.Donation;
import io.fenz.platform.Page;
import io.fenz.platform.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface DonationRepository {
  /**
   * A donation as locked for an update, with the time of the last event applied to it (null: none
   * yet).
   */
  record Locked(Donation donation, Instant lastEventAt) {}

  long createPending(
      long fromUserId,
      long channelId,
      Long videoId,
      long amount,
      String currency,
      String message,
      String transactionId,
      Instant now);

  Optional<Locked> lockByTransaction(String transactionId);

  void update(
      long id,
      String status,
      long amount,
      String currency,
      Instant paidAt,
      Instant eventAt,
      Instant now);

  Page<Donation> sentBy(long userId, PageRequest page);

  Page<Donation> receivedBy(long channelId, PageRequest page);

  /**
   * Paddle transaction ids of donations still pending, created between {@code createdAfter} and
   * {@code createdBefore}, oldest first.
   */
  List<String> stalePending(Instant createdBefore, Instant createdAfter, int limit);
}
