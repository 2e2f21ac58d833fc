package io.fenz.platform.events;

import java.util.Map;

/**
 * Records a domain event in the current transaction; a relay publishes it to the event bus later.
 */
public interface Outbox {
  void append(String subject, Map<String, Object> payload);
}
