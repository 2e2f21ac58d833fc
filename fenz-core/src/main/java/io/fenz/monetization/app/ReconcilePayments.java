package io.fenz.monetization.app;

import io.fenz.monetization.domain.Membership;
import io.fenz.monetization.domain.PaymentEvent;
import io.fenz.monetization.port.DonationRepository;
import io.fenz.monetization.port.MembershipRepository;
import io.fenz.monetization.port.PaymentGateway;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Heals missed webhooks: re-reads from Paddle the donations still pending after {@code
 * reconcileAfter} (up to a week old) and the memberships past their period end with no event since,
 * and applies what Paddle says as an event of its own (id from the entity and Paddle's update time,
 * so re-reading the same state is a duplicate).
 */
public final class ReconcilePayments {
  public record Result(int checked, int applied) {}

  private static final Logger LOG = LoggerFactory.getLogger(ReconcilePayments.class);
  private static final int BATCH = 50;
  private static final Duration OLDEST_PENDING = Duration.ofDays(7);
  private final DonationRepository donations;
  private final MembershipRepository memberships;
  private final PaymentGateway payments;
  private final ApplyPaymentEvent apply;
  private final FenzConfig.Payments config;
  private final Clock clock;

  @Inject
  public ReconcilePayments(
      DonationRepository donations,
      MembershipRepository memberships,
      PaymentGateway payments,
      ApplyPaymentEvent apply,
      FenzConfig.Payments config,
      Clock clock) {
    this.donations = donations;
    this.memberships = memberships;
    this.payments = payments;
    this.apply = apply;
    this.config = config;
    this.clock = clock;
  }

  public Result execute() {
    return UseCaseSpan.call("ReconcilePayments", () -> perform());
  }

  private Result perform() {
    if (config.apiKey() == null && !config.simulator()) {
      return new Result(0, 0);
    }
    Instant now = clock.instant();
    int checked = 0;
    int applied = 0;
    for (String txn :
        donations.stalePending(
            now.minus(config.reconcileAfter()), now.minus(OLDEST_PENDING), BATCH)) {
      checked++;
      applied += applyRead("transaction", txn, () -> payments.transaction(txn));
    }
    for (Membership m : memberships.overdue(now, BATCH)) {
      checked++;
      applied +=
          applyRead(
              "subscription", m.subscriptionId(), () -> payments.subscription(m.subscriptionId()));
    }
    return new Result(checked, applied);
  }

  private int applyRead(
      String kind, String id, java.util.function.Supplier<Optional<PaymentGateway.Snapshot>> read) {
    try {
      Optional<PaymentGateway.Snapshot> snapshot = read.get();
      if (snapshot.isEmpty() || snapshot.get().updatedAt() == null) {
        return 0;
      }
      Instant at = snapshot.get().updatedAt();
      PaymentEvent event =
          new PaymentEvent(
              "rc_" + id + "_" + at.toEpochMilli(),
              "reconcile." + kind,
              at,
              snapshot.get().change());
      return apply.execute(event) == ApplyPaymentEvent.Outcome.APPLIED ? 1 : 0;
    } catch (FenzException e) {
      LOG.warn("reconciling {} {}: {}", kind, id, e.getMessage());
      return 0;
    }
  }
}
