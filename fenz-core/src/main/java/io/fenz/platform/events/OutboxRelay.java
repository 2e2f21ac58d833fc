package io.fenz.platform.events;

import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Moves committed outbox rows onto the {@link EventBus} in id order and marks them published. Rows
 * are claimed with FOR UPDATE SKIP LOCKED, so two workers never send the same batch; a row sent
 * twice anyway (a crash between send and mark) carries the same event id and the stream drops it.
 * When the bus is down nothing is marked: the rows wait.
 */
public final class OutboxRelay {
  /** What waits: rows not yet published and the age of the oldest (zero when none). */
  public record Lag(long waiting, Duration oldest) {}

  private final Database db;
  private final EventBus bus;
  private final Clock clock;

  @Inject
  public OutboxRelay(Database db, EventBus bus, Clock clock) {
    this.db = db;
    this.bus = bus;
    this.clock = clock;
  }

  /** Publishes up to {@code limit} waiting rows; returns how many were published. */
  public int relay(int limit) {
    if (!bus.connected()) {
      return 0;
    }
    return db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  List<Row> rows =
                      h.createQuery(
                              """
              SELECT id, event_id, subject, payload, trace_parent FROM outbox WHERE published_at IS NULL ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
                          .bind("limit", limit)
                          .map(
                              (rs, ctx) ->
                                  new Row(
                                      rs.getLong(1),
                                      new EventBus.Outgoing(
                                          rs.getString(2),
                                          rs.getString(3),
                                          rs.getString(4),
                                          rs.getString(5))))
                          .list();
                  if (rows.isEmpty()) {
                    return 0;
                  }
                  int sent = bus.publish(rows.stream().map(Row::event).toList());
                  if (sent > 0) {
                    h.createUpdate("UPDATE outbox SET published_at = :now WHERE id IN (<ids>)")
                        .bind("now", Utc.toDb(clock.instant()))
                        .bindList("ids", rows.subList(0, sent).stream().map(Row::id).toList())
                        .execute();
                  }
                  return sent;
                }));
  }

  private record Row(long id, EventBus.Outgoing event) {}

  /** Deletes up to {@code limit} rows published more than {@code keep} ago; returns how many. */
  public int prune(Duration keep, int limit) {
    return db.withHandle(
        h ->
            h.createUpdate(
                    "DELETE FROM outbox WHERE published_at IS NOT NULL AND published_at < :cutoff ORDER BY published_at LIMIT :limit")
                .bind("cutoff", Utc.toDb(clock.instant().minus(keep)))
                .bind("limit", limit)
                .execute());
  }

  public Lag lag() {
    return db.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*), MIN(created_at) FROM outbox WHERE published_at IS NULL")
                .map(
                    (rs, ctx) -> {
                      Instant oldest = Utc.fromDb(rs.getObject(2, LocalDateTime.class));
                      return new Lag(
                          rs.getLong(1),
                          oldest == null
                              ? Duration.ZERO
                              : Duration.between(oldest, clock.instant()));
                    })
                .one());
  }
}
