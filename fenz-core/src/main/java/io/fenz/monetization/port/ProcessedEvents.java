package io.fenz.monetization.port;

import java.time.Instant;

/** Paddle event ids already handled (payment_events). */
public interface ProcessedEvents {
  /**
   * False when the id was recorded before; a concurrent delivery of the same id waits for the first
   * to finish.
   */
  boolean record(String eventId, String type, Instant occurredAt, Instant receivedAt);

  /** A plain read, no lock: true only for an id whose handling has committed. */
  boolean isRecorded(String eventId);

  void forget(String eventId);
}
