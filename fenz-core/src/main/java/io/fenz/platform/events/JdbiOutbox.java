package io.fenz.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fenz.platform.db.Database;
import io.fenz.platform.db.Utc;
import io.fenz.platform.json.Json;
import io.fenz.platform.observability.MessageTraces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * Writes events to the outbox table in the caller's transaction (each with a unique event id for
 * consumer dedupe) and, once that transaction commits, hands them to this process's listeners.
 */
public final class JdbiOutbox implements Outbox {
  private static final ObjectMapper JSON = Json.mapper();
  private final Database db;
  private final Clock clock;
  private final LocalEvents listeners;

  @Inject
  public JdbiOutbox(Database db, Clock clock, LocalEvents listeners) {
    this.db = db;
    this.clock = clock;
    this.listeners = listeners;
  }

  @Override
  public void append(String subject, Map<String, Object> payload) {
    String eventId = UUID.randomUUID().toString();
    ObjectNode envelope = JSON.valueToTree(payload);
    envelope.put("eventId", eventId);
    envelope.put("occurredAt", clock.instant().toString());
    try {
      String json = JSON.writeValueAsString(envelope);
      db.withHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO outbox (event_id, subject, payload, created_at, trace_parent) VALUES (:id, :subject, :payload, :now, :trace)")
                  .bind("id", eventId)
                  .bind("subject", subject)
                  .bind("payload", json)
                  .bind("now", Utc.toDb(clock.instant()))
                  .bind("trace", MessageTraces.current())
                  .execute());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event payload is not JSON-serialisable", e);
    }
    Event event = new Event(eventId, subject, envelope);
    db.afterCommit(() -> listeners.dispatch(event));
  }
}
