package io.fenz.monetization.port;

import io.fenz.monetization.domain.Checkout;
import java.util.Optional;

/**
 * The local payment simulator's checkout page, as the HTTP layer drives it (present only in `fenz
 * dev` without a key).
 */
public interface CheckoutSimulator {
  String CHECKOUT_PATH = "/api/v1/dev/payments/checkout/";

  Optional<Checkout> checkout(String transactionId);

  /** Sends the signed notifications of a successful payment to our webhook endpoint. */
  void pay(String transactionId);

  /** Sends a signed transaction.payment_failed. */
  void fail(String transactionId);
}
