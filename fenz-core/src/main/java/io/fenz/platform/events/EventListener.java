package io.fenz.platform.events;

/**
 * Reacts, in the process that made a change, to its committed events: called synchronously after
 * commit, before the request returns. Best effort: what fails is queued by the listener itself or
 * caught up later.
 */
public interface EventListener {
  void on(Event event);
}
