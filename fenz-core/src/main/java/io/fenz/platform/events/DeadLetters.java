package io.fenz.platform.events;

import java.time.Instant;
import java.util.List;

/** Messages a consumer gave up on, kept with their last error until an operator replays them. */
public interface DeadLetters {
  record Parked(
      long id,
      String consumer,
      String subject,
      String eventId,
      String payload,
      String error,
      int deliveries,
      Instant parkedAt,
      Instant replayedAt) {}

  void park(
      String consumer,
      String subject,
      String eventId,
      String payload,
      String error,
      int deliveries);

  /** Newest first; {@code includeReplayed} also lists those already replayed. */
  List<Parked> list(int limit, boolean includeReplayed);

  /**
   * Puts the message back on the event path (a new outbox row with the same payload, so consumers
   * still dedupe); false if unknown.
   */
  boolean replay(long id);
}
