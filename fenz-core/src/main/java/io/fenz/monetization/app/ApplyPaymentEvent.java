package io.fenz.monetization.app;

import dev.failsafe.Failsafe;
import dev.failsafe.RetryPolicy;
import io.fenz.monetization.domain.Donation;
import io.fenz.monetization.domain.Membership;
import io.fenz.monetization.domain.PaymentEvent;
import io.fenz.monetization.domain.PaymentEvent.SubscriptionState;
import io.fenz.monetization.port.ChannelRepository;
import io.fenz.monetization.port.DonationRepository;
import io.fenz.monetization.port.MembershipRepository;
import io.fenz.monetization.port.ProcessedEvents;
import io.fenz.platform.db.DuplicateKeys;
import io.fenz.platform.db.LockConflicts;
import io.fenz.platform.db.TransactionRunner;
import io.fenz.platform.events.Outbox;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path by which payment state changes, for webhooks and reconciliation alike. In one
 * transaction: record the event id (a redelivery stops here), then apply the change unless the
 * entity already holds a newer event's state. Notifications for creators and members go to the
 * outbox in the same transaction.
 */
public final class ApplyPaymentEvent {
  public enum Outcome {
    APPLIED,
    STALE,
    DUPLICATE,
    IGNORED
  }

  private static final Logger LOG = LoggerFactory.getLogger(ApplyPaymentEvent.class);

  /**
   * Two events of one new subscription may race to insert its row; the loser runs again and finds
   * it.
   */
  private static final RetryPolicy<Outcome> RACES =
      RetryPolicy.<Outcome>builder()
          .handleIf(e -> LockConflicts.isLockConflict(e) || DuplicateKeys.isDuplicateKey(e))
          .withMaxRetries(4)
          .withDelay(Duration.ofMillis(5))
          .withJitter(0.5)
          .build();

  private final TransactionRunner transactions;
  private final ProcessedEvents processed;
  private final DonationRepository donations;
  private final MembershipRepository memberships;
  private final ChannelRepository channels;
  private final Outbox outbox;
  private final Clock clock;

  @Inject
  public ApplyPaymentEvent(
      TransactionRunner transactions,
      ProcessedEvents processed,
      DonationRepository donations,
      MembershipRepository memberships,
      ChannelRepository channels,
      Outbox outbox,
      Clock clock) {
    this.transactions = transactions;
    this.processed = processed;
    this.donations = donations;
    this.memberships = memberships;
    this.channels = channels;
    this.outbox = outbox;
    this.clock = clock;
  }

  public Outcome execute(PaymentEvent event) {
    return UseCaseSpan.call("ApplyPaymentEvent", () -> perform(event));
  }

  private Outcome perform(PaymentEvent event) {
    // Redeliveries are the common case under retries: one indexed read answers them without a
    // transaction.
    if (processed.isRecorded(event.eventId())) {
      return Outcome.DUPLICATE;
    }
    Outcome outcome =
        Failsafe.with(RACES)
            .get(
                () ->
                    transactions.inTransaction(
                        () -> {
                          if (!processed.record(
                              event.eventId(), event.type(), event.occurredAt(), clock.instant())) {
                            return Outcome.DUPLICATE;
                          }
                          Outcome applied =
                              switch (event.change()) {
                                case PaymentEvent.TransactionPaid paid ->
                                    donation(
                                        paid.transactionId(),
                                        event,
                                        Donation.PAID,
                                        paid.amount(),
                                        paid.currency());
                                case PaymentEvent.TransactionFailed failed ->
                                    donation(
                                        failed.transactionId(), event, Donation.FAILED, null, null);
                                case PaymentEvent.Refund refund ->
                                    donation(
                                        refund.transactionId(),
                                        event,
                                        Donation.REFUNDED,
                                        null,
                                        null);
                                case SubscriptionState state ->
                                    membership(state, event.occurredAt());
                                case PaymentEvent.Unrecognized unrecognized -> Outcome.IGNORED;
                              };
                          if (applied == Outcome.IGNORED) {
                            processed.forget(event.eventId());
                          }
                          return applied;
                        }));
    if (outcome == Outcome.IGNORED) {
      LOG.info("payment event {} ({}) ignored: {}", event.eventId(), event.type(), event.change());
    }
    return outcome;
  }

  private Outcome donation(
      String transactionId, PaymentEvent event, String status, Long amount, String currency) {
    Optional<DonationRepository.Locked> found = donations.lockByTransaction(transactionId);
    if (found.isEmpty()) {
      return Outcome.IGNORED;
    }
    Donation d = found.get().donation();
    Instant last = found.get().lastEventAt();
    if (last != null && !event.occurredAt().isAfter(last)) {
      return Outcome.STALE;
    }
    // A refund only undoes a payment; a late failure never undoes one (Paddle completes a
    // transaction once).
    if ((status.equals(Donation.REFUNDED) && !d.status().equals(Donation.PAID))
        || (status.equals(Donation.FAILED) && !d.status().equals(Donation.PENDING))) {
      return Outcome.STALE;
    }
    boolean becomesPaid = status.equals(Donation.PAID) && !d.status().equals(Donation.PAID);
    long newAmount = amount == null ? d.amount() : amount;
    String newCurrency = currency == null ? d.currency() : currency;
    Instant paidAt = becomesPaid ? event.occurredAt() : d.paidAt();
    donations.update(
        d.id(), status, newAmount, newCurrency, paidAt, event.occurredAt(), clock.instant());
    if (becomesPaid) {
      Map<String, Object> payload = new HashMap<>();
      payload.put("donationId", d.id());
      payload.put("fromUserId", d.fromUserId());
      payload.put("channelId", d.channelId());
      payload.put("creatorUserId", ownerOf(d.channelId()));
      payload.put("videoId", d.videoId());
      payload.put("amount", newAmount);
      payload.put("currency", newCurrency);
      outbox.append("fenz.monetization.donation_paid", payload);
    }
    return Outcome.APPLIED;
  }

  private Outcome membership(SubscriptionState s, Instant at) {
    Optional<Membership> found = memberships.lockBySubscription(s.subscriptionId());
    if (found.isPresent() && !at.isAfter(found.get().updatedFromEventAt())) {
      return Outcome.STALE;
    }
    Membership old = found.orElse(null);
    boolean billing = Membership.BILLING.contains(s.status());
    Instant periodEnd =
        s.periodEnd() != null ? s.periodEnd() : old == null ? null : old.currentPeriodEnd();
    Instant cancelAt =
        s.cancelAt() != null || !s.status().equals("canceled") || old == null
            ? s.cancelAt()
            : old.cancelAt();
    Instant activatedAt =
        old != null && old.activatedAt() != null ? old.activatedAt() : billing ? at : null;
    long userId;
    long channelId;
    if (old == null) {
      if (s.userId() == null
          || s.channelId() == null
          || !memberships.insert(
              s.userId(),
              s.channelId(),
              s.subscriptionId(),
              s.status(),
              periodEnd,
              cancelAt,
              activatedAt,
              at,
              clock.instant())) {
        return Outcome.IGNORED;
      }
      userId = s.userId();
      channelId = s.channelId();
    } else {
      memberships.update(old.id(), s.status(), periodEnd, cancelAt, activatedAt, at);
      userId = old.userId();
      channelId = old.channelId();
    }
    if (activatedAt != null && (old == null || old.activatedAt() == null)) {
      outbox.append(
          "fenz.monetization.member_joined",
          Map.of("userId", userId, "channelId", channelId, "creatorUserId", ownerOf(channelId)));
    }
    boolean ending = cancelAt != null || s.status().equals("canceled");
    boolean wasEnding = old != null && (old.cancelAt() != null || old.status().equals("canceled"));
    if (ending && !wasEnding && (old != null || activatedAt != null)) {
      Instant endsAt =
          cancelAt != null ? cancelAt : periodEnd != null && periodEnd.isAfter(at) ? periodEnd : at;
      outbox.append(
          "fenz.monetization.membership_ending",
          Map.of(
              "userId",
              userId,
              "channelId",
              channelId,
              "creatorUserId",
              ownerOf(channelId),
              "endsAt",
              endsAt.toString()));
    }
    return Outcome.APPLIED;
  }

  private long ownerOf(long channelId) {
    return channels.findProfile(channelId).orElseThrow().ownerId();
  }
}
