package io.fenz.platform.events;

import java.util.List;
import java.util.function.Consumer;

/**
 * The event path between processes: JetStream when FENZ_NATS_URL is set ({@link NatsEventBus}),
 * else an in-process bus with the same contract ({@link InProcessEventBus}, for `fenz dev` and
 * tests).
 */
public interface EventBus extends AutoCloseable {
  /**
   * An outbox row on its way out; {@code id} is its event id, the bus's duplicate key; {@code
   * traceParent} the trace of the span that wrote it (null: none).
   */
  record Outgoing(String id, String subject, String payload, String traceParent) {}

  /** Handles one event; returns after its effects are committed; throws to have it redelivered. */
  interface Handler {
    void handle(Event event) throws Exception;
  }

  /** e.g. "NATS JetStream stream FENZ at nats://..." or "in-process bus", for start lines. */
  String describe();

  /**
   * Stores the events in order and returns how many leading ones are stored (fewer when the bus is
   * down: the rest wait in the outbox). Publishing an id again within the duplicate window stores
   * nothing new.
   */
  int publish(List<Outgoing> events);

  /**
   * A durable consumer of every event: each is handed to {@code handler} and acknowledged once it
   * returns; a failure is redelivered with backoff up to the configured number of deliveries, then
   * parked in {@link DeadLetters}; a malformed message is parked at once.
   */
  AutoCloseable consume(String durable, Handler handler);

  /**
   * Live fire-and-forget messages (not stored): e.g. "these users have new notifications", for SSE
   * streams.
   */
  void announce(String topic, byte[] data);

  AutoCloseable listen(String topic, Consumer<byte[]> listener);

  /** Whether events can be published now (the relay leaves rows waiting otherwise). */
  boolean connected();

  @Override
  void close();
}
