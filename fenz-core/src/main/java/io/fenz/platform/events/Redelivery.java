package io.fenz.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.RetryPolicy;
import io.fenz.platform.json.Json;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one redelivery rule of both buses: a Failsafe backoff (0.5 s doubling to 30 s) for at most
 * {@code maxDeliveries} deliveries; then, or at once for a message that can't be parsed, the
 * message is parked in {@link DeadLetters} and acknowledged, so a poison message never loops.
 */
public final class Redelivery {
  private static final Logger LOG = LoggerFactory.getLogger(Redelivery.class);
  private static final ObjectMapper JSON = Json.mapper();

  /**
   * What the bus does with a delivery: acknowledge it (handled or parked) or deliver it again after
   * {@code delay}.
   */
  public record Outcome(boolean done, Duration delay) {
    static final Outcome DONE = new Outcome(true, Duration.ZERO);
  }

  private final RetryPolicy<Object> policy;
  private final DeadLetters deadLetters;

  public Redelivery(int maxDeliveries, DeadLetters deadLetters) {
    this.policy =
        RetryPolicy.builder()
            .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(30))
            .withMaxAttempts(maxDeliveries)
            .abortOn(Event.MalformedEventException.class)
            .build();
    this.deadLetters = deadLetters;
  }

  public RetryPolicy<Object> policy() {
    return policy;
  }

  public int maxDeliveries() {
    return policy.getConfig().getMaxAttempts();
  }

  /** The wait before delivery number {@code delivered + 1}. */
  public Duration backoff(int delivered) {
    var config = policy.getConfig();
    double millis =
        config.getDelay().toMillis()
            * Math.pow(config.getDelayFactor(), Math.max(0, delivered - 1));
    return Duration.ofMillis((long) Math.min(millis, config.getMaxDelay().toMillis()));
  }

  /**
   * Parses a stored message into an event: its payload's {@code eventId} is the consumers' dedupe
   * key.
   */
  public static Event parse(String subject, String payload) {
    JsonNode node;
    try {
      node = JSON.readTree(payload);
    } catch (Exception e) {
      throw new Event.MalformedEventException("not JSON");
    }
    if (node == null || !node.isObject() || node.path("eventId").asText("").isEmpty()) {
      throw new Event.MalformedEventException("not an event object with an eventId");
    }
    return new Event(node.get("eventId").asText(), subject, node);
  }

  /** Delivers one message ({@code delivered}: 1 for the first time) to {@code handler}. */
  public Outcome deliver(
      String consumer, String subject, String payload, int delivered, EventBus.Handler handler) {
    Event event;
    try {
      event = parse(subject, payload);
    } catch (Event.MalformedEventException e) {
      return park(consumer, subject, null, payload, e.getMessage(), delivered);
    }
    try {
      handler.handle(event);
      return Outcome.DONE;
    } catch (Event.MalformedEventException e) {
      return park(consumer, subject, event.id(), payload, e.getMessage(), delivered);
    } catch (Exception e) {
      if (delivered >= maxDeliveries()) {
        return park(consumer, subject, event.id(), payload, e.toString(), delivered);
      }
      LOG.warn(
          "{}: {} {} failed on delivery {} ({}); again in {}",
          consumer,
          subject,
          event.id(),
          delivered,
          e.toString(),
          backoff(delivered));
      return new Outcome(false, backoff(delivered));
    }
  }

  private Outcome park(
      String consumer,
      String subject,
      String eventId,
      String payload,
      String error,
      int delivered) {
    deadLetters.park(consumer, subject, eventId, payload, error, delivered);
    LOG.warn(
        "{}: parked {} {} after {} deliveries: {}", consumer, subject, eventId, delivered, error);
    return Outcome.DONE;
  }
}
