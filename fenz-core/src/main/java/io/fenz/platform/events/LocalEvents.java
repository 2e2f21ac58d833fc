package io.fenz.platform.events;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The in-process dispatcher: hands each committed event to every registered listener, one failure
 * never stopping the others.
 */
@Singleton
public final class LocalEvents {
  private static final Logger LOG = LoggerFactory.getLogger(LocalEvents.class);
  private final List<EventListener> listeners;

  @Inject
  public LocalEvents(Set<EventListener> listeners) {
    this.listeners = List.copyOf(listeners);
  }

  public void dispatch(Event event) {
    for (EventListener listener : listeners) {
      try {
        listener.on(event);
      } catch (RuntimeException e) {
        LOG.warn(
            "event {} {}: listener {} failed ({})",
            event.subject(),
            event.id(),
            listener.getClass().getSimpleName(),
            e.toString());
      }
    }
  }
}
