package io.fenz.monetization.app;

import io.fenz.monetization.domain.PaymentEvent;
import io.fenz.monetization.domain.WebhookSignature;
import io.fenz.monetization.port.PaymentEventReader;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.FenzException;
import io.fenz.platform.observability.UseCaseSpan;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Paddle notification: the signature is checked on the raw bytes before anything reads them; then
 * the event goes through {@link ApplyPaymentEvent}. Anything signed but unusable is logged and
 * acknowledged, so Paddle stops redelivering it.
 */
public final class ReceivePaddleWebhook {
  private static final Logger LOG = LoggerFactory.getLogger(ReceivePaddleWebhook.class);
  private static final String WEBHOOKS = "fenz.payments.webhooks";
  private final FenzConfig.Payments config;
  private final PaymentEventReader reader;
  private final ApplyPaymentEvent apply;
  private final Clock clock;
  private final Counter invalidSignatures;
  private final Map<ApplyPaymentEvent.Outcome, Counter> outcomes =
      new EnumMap<>(ApplyPaymentEvent.Outcome.class);

  @Inject
  public ReceivePaddleWebhook(
      FenzConfig.Payments config,
      PaymentEventReader reader,
      ApplyPaymentEvent apply,
      Clock clock,
      MeterRegistry meters) {
    this.config = config;
    this.reader = reader;
    this.apply = apply;
    this.clock = clock;
    // Every outcome is in /metrics from the start, so rate() and alerts see a 0 before the first.
    this.invalidSignatures = meters.counter(WEBHOOKS, "outcome", "invalid_signature");
    for (ApplyPaymentEvent.Outcome outcome : ApplyPaymentEvent.Outcome.values()) {
      outcomes.put(
          outcome,
          meters.counter(WEBHOOKS, "outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)));
    }
  }

  public ApplyPaymentEvent.Outcome execute(String signatureHeader, byte[] body) {
    return UseCaseSpan.call("ReceivePaddleWebhook", () -> perform(signatureHeader, body));
  }

  private ApplyPaymentEvent.Outcome perform(String signatureHeader, byte[] body) {
    if (!WebhookSignature.verify(
        signatureHeader,
        body,
        config.webhookSecret(),
        clock.instant(),
        config.signatureTolerance())) {
      invalidSignatures.increment();
      throw FenzException.unauthenticated(
          "invalid_signature", "The Paddle-Signature header does not match this body.");
    }
    Optional<PaymentEvent> event = reader.read(body);
    ApplyPaymentEvent.Outcome outcome =
        event.map(apply::execute).orElse(ApplyPaymentEvent.Outcome.IGNORED);
    if (event.isEmpty()) {
      LOG.warn("signed Paddle webhook that is not a notification ({} bytes) ignored", body.length);
    }
    outcomes.get(outcome).increment();
    return outcome;
  }
}
