package io.fenz.interaction.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenz.platform.events.EventBus;
import io.fenz.platform.json.Json;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "These users have new notifications", sent after each commit to every process that holds
 * notification streams (a core NATS subject, or in-process): one message per fan-out batch, not one
 * per user.
 */
public final class LiveNotifications {
  static final String TOPIC = "notifications";
  private static final Logger LOG = LoggerFactory.getLogger(LiveNotifications.class);
  private static final ObjectMapper JSON = Json.mapper();
  private final EventBus bus;

  @Inject
  public LiveNotifications(EventBus bus) {
    this.bus = bus;
  }

  /**
   * Best effort: a stream that misses it finds the rows at its next signal or reconnect
   * (Last-Event-ID).
   */
  public void announce(List<Long> userIds) {
    try {
      bus.announce(TOPIC, JSON.writeValueAsBytes(userIds));
    } catch (IOException | RuntimeException e) {
      LOG.warn("notifications: live signal not sent ({})", e.toString());
    }
  }

  public AutoCloseable listen(Consumer<long[]> userIds) {
    return bus.listen(
        TOPIC,
        data -> {
          try {
            userIds.accept(JSON.readValue(data, long[].class));
          } catch (IOException e) {
            LOG.warn(
                "notifications: ignored a live signal that is not a list of ids ({} bytes)",
                data.length);
          }
        });
  }
}
