package io.fenz.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries a trace across the event path as a W3C {@code traceparent} string: the outbox row keeps
 * the one of the span that wrote it, the relay's producer span continues it and puts its own in the
 * message header, and the consumer's span continues that, so one trace runs from the request to the
 * consumer.
 */
public final class MessageTraces {
  public static final String HEADER = "traceparent";
  private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
  private static final TextMapGetter<String> ONE =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
          return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
          return HEADER.equals(key) ? carrier : null;
        }
      };

  private MessageTraces() {}

  /** The current span's traceparent, or null outside a valid span. */
  public static String current() {
    return of(Context.current());
  }

  /** A producer span ({@code publish fenz.content.video_published}) under {@code parent}. */
  public static Span publishing(String subject, String parent) {
    return start("publish " + subject, SpanKind.PRODUCER, subject, parent);
  }

  /** A consumer span ({@code process fenz.content.video_published}) under {@code parent}. */
  public static Span consuming(String subject, String parent) {
    return start("process " + subject, SpanKind.CONSUMER, subject, parent);
  }

  /** The traceparent naming {@code span}, to send along with a message. */
  public static String of(Span span) {
    return of(Context.current().with(span));
  }

  private static String of(Context context) {
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(context, carrier, Map::put);
    return carrier.get(HEADER);
  }

  /** With no (or a malformed) traceparent the span is a child of the current one. */
  private static Span start(String name, SpanKind kind, String subject, String parent) {
    Context context =
        parent == null ? Context.current() : W3C.extract(Context.current(), parent, ONE);
    return Traces.tracer()
        .spanBuilder(name)
        .setParent(context)
        .setSpanKind(kind)
        .setAttribute("messaging.system", "nats")
        .setAttribute("messaging.destination.name", subject)
        .startSpan();
  }
}
