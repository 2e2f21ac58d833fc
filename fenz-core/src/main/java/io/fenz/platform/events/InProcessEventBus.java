package io.fenz.platform.events;

import io.fenz.platform.observability.MessageTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link EventBus} without NATS (`fenz dev` without FENZ_NATS_URL): consumers get events on a
 * background thread with the same redelivery and parking rule. Its store is the outbox itself: an
 * event counts as stored, so the relay marks its row published, only once every consumer has
 * settled it (handled or parked). Until then the relay offers the row again on each tick (handed
 * over once per process), so an event not yet handled when the process stops is delivered after the
 * restart, as JetStream would redeliver an unacknowledged message.
 */
public final class InProcessEventBus implements EventBus {
  private final Redelivery redelivery;
  private final Map<String, Handler> consumers = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<byte[]>>> listeners = new ConcurrentHashMap<>();

  /** Event id -> the consumers that have not settled it yet; guarded by {@code this}. */
  private final Map<String, Set<String>> unsettled = new HashMap<>();

  /** Events every consumer settled whose rows the relay has not marked yet; guarded by this. */
  private final Set<String> settled = new HashSet<>();

  private final ScheduledExecutorService deliveries =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("fenz-inprocess-bus").daemon(true).factory());

  public InProcessEventBus(Redelivery redelivery) {
    this.redelivery = redelivery;
  }

  @Override
  public String describe() {
    return "in-process bus (no FENZ_NATS_URL)";
  }

  @Override
  public boolean connected() {
    return true;
  }

  /**
   * Returns how many leading events every consumer has settled; hands the others that are not in
   * hand yet to the consumers. Without consumers nothing is taken: the rows wait.
   */
  @Override
  public synchronized int publish(List<Outgoing> events) {
    if (consumers.isEmpty()) {
      return 0;
    }
    int stored = 0;
    while (stored < events.size() && settled.remove(events.get(stored).id())) {
      stored++;
    }
    for (Outgoing event : events.subList(stored, events.size())) {
      if (!settled.contains(event.id()) && !unsettled.containsKey(event.id())) {
        unsettled.put(event.id(), new HashSet<>(consumers.keySet()));
        Span published = MessageTraces.publishing(event.subject(), event.traceParent());
        String trace = MessageTraces.of(published);
        published.end();
        for (String durable : consumers.keySet()) {
          submit(() -> deliver(durable, event, trace, 1), 0);
        }
      }
    }
    return stored;
  }

  private void deliver(String durable, Outgoing event, String trace, int delivered) {
    Handler handler = consumers.get(durable);
    if (handler == null) {
      return; // stopped: the row is still unpublished and goes to whoever consumes next
    }
    Redelivery.Outcome outcome;
    Span span = MessageTraces.consuming(event.subject(), trace);
    try (Scope ignored = span.makeCurrent()) {
      outcome = redelivery.deliver(durable, event.subject(), event.payload(), delivered, handler);
    } catch (RuntimeException e) {
      outcome = new Redelivery.Outcome(false, redelivery.backoff(delivered));
    } finally {
      span.end();
    }
    if (outcome.done()) {
      settle(durable, event.id());
    } else {
      submit(() -> deliver(durable, event, trace, delivered + 1), outcome.delay().toMillis());
    }
  }

  private synchronized void settle(String durable, String eventId) {
    Set<String> owing = unsettled.get(eventId);
    if (owing != null && owing.remove(durable) && owing.isEmpty()) {
      unsettled.remove(eventId);
      settled.add(eventId);
    }
  }

  private void submit(Runnable delivery, long delayMillis) {
    try {
      deliveries.schedule(delivery, delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // closed: the event's row stays unpublished and is delivered after the restart
    }
  }

  @Override
  public AutoCloseable consume(String durable, Handler handler) {
    consumers.put(durable, handler);
    return () -> stop(durable);
  }

  /**
   * A stopped consumer settles nothing more: events it still owed are offered afresh on the next
   * relay tick (a consumer repeats safely).
   */
  private synchronized void stop(String durable) {
    consumers.remove(durable);
    unsettled.values().removeIf(owing -> owing.contains(durable));
  }

  @Override
  public void announce(String topic, byte[] data) {
    listeners.getOrDefault(topic, List.of()).forEach(listener -> listener.accept(data));
  }

  @Override
  public AutoCloseable listen(String topic, Consumer<byte[]> listener) {
    listeners.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(listener);
    return () -> listeners.get(topic).remove(listener);
  }

  @Override
  public void close() {
    deliveries.shutdownNow();
  }
}
