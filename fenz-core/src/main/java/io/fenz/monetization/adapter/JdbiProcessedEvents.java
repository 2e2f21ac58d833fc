package io.fenz.monetization.adapter;

import io.fenz.monetization.port.ProcessedEvents;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.time.Instant;

public final class JdbiProcessedEvents implements ProcessedEvents {
  private final Database db;

  @Inject
  public JdbiProcessedEvents(Database db) {
    this.db = db;
  }

  @Override
  public boolean record(String eventId, String type, Instant occurredAt, Instant receivedAt) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        """
            INSERT IGNORE INTO payment_events (event_id, event_type, occurred_at, received_at) VALUES (:id, :type, :occurred, :received)""")
                    .bind("id", eventId)
                    .bind("type", type)
                    .bind("occurred", Utc.toDb(occurredAt))
                    .bind("received", Utc.toDb(receivedAt))
                    .execute())
        == 1;
  }

  @Override
  public boolean isRecorded(String eventId) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM payment_events WHERE event_id = :id")
                    .bind("id", eventId)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  @Override
  public void forget(String eventId) {
    db.withHandle(
        h ->
            h.createUpdate("DELETE FROM payment_events WHERE event_id = :id")
                .bind("id", eventId)
                .execute());
  }
}
