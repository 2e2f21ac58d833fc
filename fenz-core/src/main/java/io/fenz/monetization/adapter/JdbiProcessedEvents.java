package io.fenz.monetization.adapter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.fenz.monetization.port.ProcessedEvents;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Instant;

/**
 * payment_events, keyed by the provider's event id. Ids the table has shown as committed are also
 * kept in memory, so a redelivery of a recent event (Paddle retries, concurrent duplicates) is
 * answered without the database. Only a committed id is kept, and a committed id is never removed
 * from the table, so the memory can only answer what the table would; the unique key stays the
 * guard against a double apply.
 */
@Singleton
public final class JdbiProcessedEvents implements ProcessedEvents {
  /** Redeliveries come within minutes to days of the first; ~100 bytes each. */
  static final int KEPT_IDS = 50_000;

  private final Database db;
  private final Cache<String, Boolean> committed =
      Caffeine.newBuilder().maximumSize(KEPT_IDS).build();

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
    if (committed.getIfPresent(eventId) != null) {
      return true;
    }
    boolean recorded =
        db.withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM payment_events WHERE event_id = :id")
                        .bind("id", eventId)
                        .mapTo(Integer.class)
                        .one()
                    > 0);
    if (recorded) {
      // Inside a transaction the row may be this transaction's own: kept only once it commits.
      db.afterCommit(() -> committed.put(eventId, Boolean.TRUE));
    }
    return recorded;
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
