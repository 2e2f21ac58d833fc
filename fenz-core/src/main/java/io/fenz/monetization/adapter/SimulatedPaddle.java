package io.fenz.monetization.adapter;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fenz.monetization.domain.Checkout;
import io.fenz.monetization.domain.WebhookSignature;
import io.fenz.monetization.port.CheckoutSimulator;
import io.fenz.monetization.port.PaymentGateway;
import io.fenz.monetization.port.WebhookSender;
import io.fenz.platform.config.FenzConfig;
import io.fenz.platform.error.FenzException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local payment simulator of `fenz dev` (only when no PADDLE_API_KEY is set): checkouts open a
 * local, clearly labelled page whose buttons make this class send Paddle-shaped, correctly signed
 * notifications to our own webhook endpoint, so payments take exactly the path real ones take.
 * State lives in this process.
 */
public final class SimulatedPaddle implements PaymentGateway, CheckoutSimulator {
  private record Subscription(
      Checkout checkout, String status, Instant periodEnd, Instant cancelAt, Instant updatedAt) {}

  private final FenzConfig.Payments config;
  private final ObjectMapper json;
  private final Optional<WebhookSender> sender;
  private final Clock clock;
  private final Map<String, Checkout> checkouts = new ConcurrentHashMap<>();
  private final Map<String, String> transactionStatus = new ConcurrentHashMap<>();
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private Instant lastEventAt = Instant.EPOCH;

  public SimulatedPaddle(
      FenzConfig.Payments config, ObjectMapper json, Optional<WebhookSender> sender, Clock clock) {
    this.config = config;
    this.json = json;
    this.sender = sender;
    this.clock = clock;
  }

  @Override
  public Checkout.Started start(Checkout checkout) {
    String id = "txn_sim" + newId();
    checkouts.put(id, checkout);
    transactionStatus.put(id, "ready");
    return new Checkout.Started(id, CHECKOUT_PATH + id, null);
  }

  @Override
  public Optional<Checkout> checkout(String transactionId) {
    return Optional.ofNullable(checkouts.get(transactionId));
  }

  /** The "pay" button: a membership's subscription starts, then the transaction completes. */
  @Override
  public void pay(String transactionId) {
    Checkout c = open(transactionId);
    Instant now = clock.instant();
    if (c.kind() == Checkout.Kind.MEMBERSHIP) {
      String subscriptionId = "sub_sim" + newId();
      Subscription s =
          new Subscription(
              c, "active", now.atOffset(ZoneOffset.UTC).plusMonths(1).toInstant(), null, now);
      subscriptions.put(subscriptionId, s);
      send("subscription.created", subscriptionEntity(subscriptionId, s));
    }
    transactionStatus.put(transactionId, "completed");
    send("transaction.completed", transactionEntity(transactionId, c, "completed"));
  }

  /** The "fail" button: the card is declined. */
  @Override
  public void fail(String transactionId) {
    Checkout c = open(transactionId);
    send("transaction.payment_failed", transactionEntity(transactionId, c, "ready"));
  }

  @Override
  public void cancelAtPeriodEnd(String subscriptionId) {
    Subscription s = subscriptions.get(subscriptionId);
    if (s == null) {
      throw FenzException.notFound(
          "membership_not_found", "The simulator does not know this subscription.");
    }
    Subscription scheduled =
        new Subscription(s.checkout(), s.status(), s.periodEnd(), s.periodEnd(), clock.instant());
    subscriptions.put(subscriptionId, scheduled);
    send("subscription.updated", subscriptionEntity(subscriptionId, scheduled));
  }

  @Override
  public Optional<Snapshot> subscription(String subscriptionId) {
    return Optional.ofNullable(subscriptions.get(subscriptionId))
        .map(
            s ->
                new Snapshot(
                    PaddleEvents.subscription(subscriptionEntity(subscriptionId, s)),
                    s.updatedAt()));
  }

  @Override
  public Optional<Snapshot> transaction(String transactionId) {
    return checkout(transactionId)
        .map(
            c ->
                new Snapshot(
                    PaddleEvents.transaction(
                        transactionEntity(transactionId, c, transactionStatus.get(transactionId))),
                    clock.instant()));
  }

  private Checkout open(String transactionId) {
    Checkout c = checkouts.get(transactionId);
    if (c == null || !"ready".equals(transactionStatus.get(transactionId))) {
      throw FenzException.notFound("checkout_not_found", "No open checkout with this id.");
    }
    return c;
  }

  private ObjectNode transactionEntity(String id, Checkout c, String status) {
    ObjectNode data =
        json.createObjectNode()
            .put("id", id)
            .put("status", status)
            .put("currency_code", c.currency())
            .put("updated_at", clock.instant().toString());
    data.set("custom_data", customData(c));
    data.putObject("details")
        .putObject("totals")
        .put("total", Long.toString(c.amount()))
        .put("currency_code", c.currency());
    return data;
  }

  private ObjectNode subscriptionEntity(String id, Subscription s) {
    ObjectNode data =
        json.createObjectNode()
            .put("id", id)
            .put("status", s.status())
            .put("updated_at", s.updatedAt().toString());
    data.set("custom_data", customData(s.checkout()));
    data.putObject("current_billing_period")
        .put("starts_at", s.updatedAt().toString())
        .put("ends_at", s.periodEnd().toString());
    if (s.cancelAt() != null) {
      data.putObject("scheduled_change")
          .put("action", "cancel")
          .put("effective_at", s.cancelAt().toString());
    } else {
      data.putNull("scheduled_change");
    }
    return data;
  }

  private ObjectNode customData(Checkout c) {
    ObjectNode custom =
        json.createObjectNode()
            .put("kind", c.kind().customDataValue())
            .put("userId", c.userId())
            .put("channelId", c.channelId());
    if (c.videoId() != null) {
      custom.put("videoId", c.videoId());
    }
    return custom;
  }

  /**
   * Paddle's events of one entity have distinct times; two clicks within a millisecond must too.
   */
  private synchronized Instant nextEventTime() {
    Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    lastEventAt = now.isAfter(lastEventAt) ? now : lastEventAt.plusMillis(1);
    return lastEventAt;
  }

  private void send(String type, ObjectNode data) {
    Instant now = nextEventTime();
    ObjectNode event =
        json.createObjectNode()
            .put("event_id", "evt_sim" + newId())
            .put("event_type", type)
            .put("occurred_at", now.toString())
            .put("notification_id", "ntf_sim" + newId());
    event.set("data", data);
    byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
    sender
        .orElseThrow(
            () ->
                FenzException.unavailable(
                    "payments_unavailable", "The payment simulator cannot deliver here."))
        .send(WebhookSignature.sign(body, config.webhookSecret(), now), body);
  }

  private static String newId() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
