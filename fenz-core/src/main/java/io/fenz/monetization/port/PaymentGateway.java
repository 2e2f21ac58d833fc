package io.fenz.monetization.port;

import io.fenz.monetization.domain.Checkout;
import io.fenz.monetization.domain.PaymentEvent;
import java.time.Instant;
import java.util.Optional;

/** Paddle Billing as the use cases need it (the real API, or the local simulator in `fenz dev`). */
public interface PaymentGateway {
  /** A state read from Paddle: the change it means and when Paddle last changed the entity. */
  record Snapshot(PaymentEvent.Change change, Instant updatedAt) {}

  Checkout.Started start(Checkout checkout);

  /** Asks Paddle to cancel at the end of the paid period; our state follows from the webhook. */
  void cancelAtPeriodEnd(String subscriptionId);

  Optional<Snapshot> subscription(String subscriptionId);

  Optional<Snapshot> transaction(String transactionId);
}
