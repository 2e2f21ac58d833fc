package io.fenz.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A committed domain event as listeners and consumers see it: the outbox row's event id, its
 * subject ({@code fenz.<context>.<event>}) and its JSON payload, the same in-process and from the
 * stream.
 */
public record Event(String id, String subject, JsonNode payload) {
  /** A required numeric field; a missing or non-numeric one makes the event malformed. */
  public long number(String field) {
    JsonNode node = payload.get(field);
    if (node == null || !node.canConvertToLong()) {
      throw new MalformedEventException(subject + ": '" + field + "' is not a number");
    }
    return node.asLong();
  }

  /** An optional numeric field: null when absent or null. */
  public Long optionalNumber(String field) {
    JsonNode node = payload.get(field);
    return node == null || node.isNull() ? null : number(field);
  }

  public String text(String field) {
    JsonNode node = payload.get(field);
    if (node == null || !node.isTextual()) {
      throw new MalformedEventException(subject + ": '" + field + "' is not text");
    }
    return node.asText();
  }

  /** A list of numbers (absent = empty). */
  public List<Long> numbers(String field) {
    JsonNode node = payload.get(field);
    List<Long> values = new ArrayList<>();
    if (node == null || node.isNull()) {
      return values;
    }
    if (!node.isArray()) {
      throw new MalformedEventException(subject + ": '" + field + "' is not a list");
    }
    node.forEach(
        n -> {
          if (!n.canConvertToLong()) {
            throw new MalformedEventException(subject + ": '" + field + "' holds a non-number");
          }
          values.add(n.asLong());
        });
    return values;
  }

  /** A list of strings (absent = empty). */
  public List<String> texts(String field) {
    JsonNode node = payload.get(field);
    List<String> values = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(
          n -> {
            if (n.isTextual()) {
              values.add(n.asText());
            }
          });
    }
    return values;
  }

  /** An event that can never be handled (bad JSON, missing fields): parked, not retried. */
  public static final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
      super(message);
    }
  }
}
