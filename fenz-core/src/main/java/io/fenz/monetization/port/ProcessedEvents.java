package io.fenz.monetization.port;

import java.time.Instant;

/** Paddle event ids already handled (payment_events). */
public interface ProcessedEvents {
  /** False when the id was recorded before; a concurrent delivery of the same id waits for the first to finish. */
  boolean record(String eventId, String type, Instant occurredAt, Instant receivedAt);

  void forget(String eventId);
}
