package io.fenz.monetization.port;

import io.fenz.monetization.domain.PaymentEvent;
import java.util.Optional;

/**
 * Turns a verified webhook body into an event; empty when it is not JSON or not a Paddle
 * notification.
 */
public interface PaymentEventReader {
  Optional<PaymentEvent> read(byte[] body);
}
