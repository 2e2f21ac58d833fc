package io.fenz.platform.observability;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;

/**
 * The process's tracer. The process entry point installs the OpenTelemetry SDK once (exporting over
 * OTLP only when OTEL_EXPORTER_OTLP_ENDPOINT is set); until then, and in tests that don't install
 * one, spans are no-ops.
 */
public final class Traces {
  public static final String MDC_TRACE_ID = "trace_id";

  private Traces() {}

  public static Tracer tracer() {
    return GlobalOpenTelemetry.getTracer("io.fenz");
  }

  /** The current trace id, or null outside a sampled trace. */
  public static String currentTraceId() {
    var context = Span.current().getSpanContext();
    return context.isValid() ? context.getTraceId() : null;
  }
}
