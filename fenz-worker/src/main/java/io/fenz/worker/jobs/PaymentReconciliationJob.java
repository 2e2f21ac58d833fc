package io.fenz.worker.jobs;

import io.fenz.monetization.app.ReconcilePayments;
import io.fenz.worker.PeriodicJob;
import jakarta.inject.Inject;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads from Paddle what a missed webhook would have told us (stale pending tips, memberships
 * past their period).
 */
public final class PaymentReconciliationJob implements PeriodicJob {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentReconciliationJob.class);
  private final ReconcilePayments reconcile;

  @Inject
  public PaymentReconciliationJob(ReconcilePayments reconcile) {
    this.reconcile = reconcile;
  }

  @Override
  public String name() {
    return "payment-reconciliation";
  }

  @Override
  public Duration interval() {
    return Duration.ofMinutes(1);
  }

  @Override
  public void run() {
    ReconcilePayments.Result result = reconcile.execute();
    if (result.applied() > 0) {
      LOG.info(
          "payment reconciliation: {} read from Paddle, {} changed",
          result.checked(),
          result.applied());
    }
  }

  @Override
  public void onShutdown() {
    // Nothing buffered: the next start reads again.
  }
}
