package io.fenz.platform.events;

import io.fenz.platform.observability.MessageTraces;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link EventBus} without NATS (`fenz dev` without FENZ_NATS_URL): consumers get published events
 * on a background thread with the same redelivery and parking rule. Nothing is stored: an event
 * handed over but not yet handled when the process stops is lost, which only a single dev process
 * accepts.
 */
public final class InProcessEventBus implements EventBus {
  private final Redelivery redelivery;
  private final Map<String, Handler> consumers = new ConcurrentHashMap<>();
  private final Map<String, List<Consumer<byte[]>>> listeners = new ConcurrentHashMap<>();
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

  @Override
  public int publish(List<Outgoing> events) {
    for (Outgoing event : events) {
      Span published = MessageTraces.publishing(event.subject(), event.traceParent());
      String trace = MessageTraces.of(published);
      published.end();
      consumers.forEach(
          (durable, handler) ->
              deliveries.execute(() -> deliver(durable, handler, event, trace, 1)));
    }
    return events.size();
  }

  private void deliver(
      String durable, Handler handler, Outgoing event, String trace, int delivered) {
    Redelivery.Outcome outcome;
    Span span = MessageTraces.consuming(event.subject(), trace);
    try (Scope ignored = span.makeCurrent()) {
      outcome = redelivery.deliver(durable, event.subject(), event.payload(), delivered, handler);
    } catch (RuntimeException e) {
      outcome = new Redelivery.Outcome(false, redelivery.backoff(delivered));
    } finally {
      span.end();
    }
    if (!outcome.done()) {
      deliveries.schedule(
          () -> deliver(durable, handler, event, trace, delivered + 1),
          outcome.delay().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public AutoCloseable consume(String durable, Handler handler) {
    consumers.put(durable, handler);
    return () -> consumers.remove(durable);
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
