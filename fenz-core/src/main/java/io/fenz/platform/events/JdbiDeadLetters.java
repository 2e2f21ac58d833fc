package io.fenz.platform.events;

import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

/**
 * {@link DeadLetters} in the {@code dead_letters} table; a replay goes out again through the outbox
 * relay.
 */
public final class JdbiDeadLetters implements DeadLetters {
  private final Database db;
  private final Clock clock;

  @Inject
  public JdbiDeadLetters(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  @Override
  public void park(
      String consumer,
      String subject,
      String eventId,
      String payload,
      String error,
      int deliveries) {
    db.withHandle(
        h ->
            h.createUpdate(
                    """
            INSERT INTO dead_letters (consumer, subject, event_id, payload, error, deliveries, parked_at)
            VALUES (:consumer, :subject, :eventId, :payload, :error, :deliveries, :now)""")
                .bind("consumer", consumer)
                .bind("subject", subject)
                .bind("eventId", eventId)
                .bind("payload", payload)
                .bind("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .bind("deliveries", deliveries)
                .bind("now", Utc.toDb(clock.instant()))
                .execute());
  }

  @Override
  public List<Parked> list(int limit, boolean includeReplayed) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT * FROM dead_letters"
                        + (includeReplayed ? "" : " WHERE replayed_at IS NULL")
                        + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new Parked(
                            rs.getLong("id"),
                            rs.getString("consumer"),
                            rs.getString("subject"),
                            rs.getString("event_id"),
                            rs.getString("payload"),
                            rs.getString("error"),
                            rs.getInt("deliveries"),
                            Utc.fromDb(rs.getObject("parked_at", LocalDateTime.class)),
                            Utc.fromDb(rs.getObject("replayed_at", LocalDateTime.class))))
                .list());
  }

  @Override
  public boolean replay(long id) {
    return db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  int inserted =
                      h.createUpdate(
                              """
              INSERT INTO outbox (event_id, subject, payload, created_at)
              SELECT :outboxId, subject, payload, :now FROM dead_letters WHERE id = :id""")
                          .bind("outboxId", UUID.randomUUID().toString())
                          .bind("now", Utc.toDb(clock.instant()))
                          .bind("id", id)
                          .execute();
                  h.createUpdate("UPDATE dead_letters SET replayed_at = :now WHERE id = :id")
                      .bind("now", Utc.toDb(clock.instant()))
                      .bind("id", id)
                      .execute();
                  return inserted == 1;
                }));
  }
}
