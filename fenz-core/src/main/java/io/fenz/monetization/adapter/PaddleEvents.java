package io.fenz.monetization.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.monetization.domain.PaymentEvent;
import io.fenz.monetization.domain.PaymentEvent.Change;
import io.fenz.monetization.port.PaymentEventReader;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reads Paddle Billing's JSON: notifications ({@code event_id, event_type, occurred_at, data}) and
 * the transaction, subscription and adjustment entities they carry (the API answers with the same
 * entities). Times are cut to milliseconds, as stored, so one instant always compares equal to
 * itself.
 */
public final class PaddleEvents implements PaymentEventReader {
  private final ObjectMapper json;

  @Inject
  public PaddleEvents(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public Optional<PaymentEvent> read(byte[] body) {
    try {
      JsonNode root = json.readTree(body);
      String id = text(root, "event_id");
      String type = text(root, "event_type");
      Instant occurredAt = time(root, "occurred_at");
      if (id == null
          || id.length() > 64
          || type == null
          || type.length() > 64
          || occurredAt == null
          || !root.path("data").isObject()) {
        return Optional.empty();
      }
      return Optional.of(new PaymentEvent(id, type, occurredAt, change(type, root.path("data"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  static Change change(String type, JsonNode data) {
    if (type.startsWith("subscription.")) {
      return subscription(data);
    }
    if (type.startsWith("adjustment.")) {
      return adjustment(data);
    }
    return switch (type) {
      case "transaction.completed" -> transaction(data);
      case "transaction.payment_failed", "transaction.canceled" ->
          donationId(data)
              .<Change>map(PaymentEvent.TransactionFailed::new)
              .orElse(new PaymentEvent.Unrecognized("not a donation"));
      default -> new PaymentEvent.Unrecognized("event type " + type);
    };
  }

  /**
   * A transaction as its status says: completed or paid donations are paid, canceled ones failed.
   */
  static Change transaction(JsonNode data) {
    Optional<String> id = donationId(data);
    if (id.isEmpty()) {
      return new PaymentEvent.Unrecognized("not a donation");
    }
    String status = data.path("status").asText("");
    if (status.equals("canceled")) {
      return new PaymentEvent.TransactionFailed(id.get());
    }
    if (!status.equals("completed") && !status.equals("paid")) {
      return new PaymentEvent.Unrecognized("transaction " + status);
    }
    JsonNode totals = data.path("details").path("totals");
    String currency = totals.path("currency_code").asText(data.path("currency_code").asText(""));
    try {
      long amount = Long.parseLong(totals.path("total").asText(""));
      return amount > 0 && currency.matches("[A-Z]{3}")
          ? new PaymentEvent.TransactionPaid(id.get(), amount, currency)
          : new PaymentEvent.Unrecognized("no amount");
    } catch (NumberFormatException e) {
      return new PaymentEvent.Unrecognized("no amount");
    }
  }

  static Change subscription(JsonNode data) {
    String id = text(data, "id");
    String status = text(data, "status");
    if (id == null || id.length() > 64 || status == null || status.length() > 20) {
      return new PaymentEvent.Unrecognized("not a subscription");
    }
    JsonNode custom = data.path("custom_data");
    JsonNode change = data.path("scheduled_change");
    Instant cancelAt =
        change.path("action").asText("").equals("cancel") ? time(change, "effective_at") : null;
    return new PaymentEvent.SubscriptionState(
        id,
        number(custom, "userId"),
        number(custom, "channelId"),
        status,
        time(data.path("current_billing_period"), "ends_at"),
        cancelAt);
  }

  static Change adjustment(JsonNode data) {
    String action = data.path("action").asText("");
    String txn = text(data, "transaction_id");
    if ((action.equals("refund") || action.equals("chargeback"))
        && data.path("status").asText("").equals("approved")
        && txn != null) {
      return new PaymentEvent.Refund(txn);
    }
    return new PaymentEvent.Unrecognized(
        "adjustment " + action + " " + data.path("status").asText(""));
  }

  private static Optional<String> donationId(JsonNode data) {
    String id = text(data, "id");
    boolean donation = data.path("custom_data").path("kind").asText("").equals("donation");
    return donation && id != null && id.length() <= 64 ? Optional.of(id) : Optional.empty();
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  static Instant time(JsonNode node, String field) {
    String value = text(node, field);
    try {
      return value == null ? null : Instant.parse(value).truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Long number(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.canConvertToLong() && value.isIntegralNumber() ? value.asLong() : null;
  }
}
