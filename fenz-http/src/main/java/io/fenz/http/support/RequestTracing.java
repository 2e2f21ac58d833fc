package io.fenz.http.support;

import io.fenz.platform.observability.Traces;
import io.javalin.http.Context;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.slf4j.MDC;

/**
 * A server span per request (continuing a caller's W3C {@code traceparent}), current while the
 * handler runs so the SQL and S3 spans below it join the trace, and its trace id in the logging MDC
 * so every log line of the request carries it. Named by route once routing has matched, so the span
 * names stay few.
 */
public final class RequestTracing {
  private static final String SPAN = "fenz.span";
  private static final String SCOPE = "fenz.spanScope";
  private static final TextMapGetter<Context> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Context ctx) {
          return ctx.headerMap().keySet();
        }

        @Override
        public String get(Context ctx, String key) {
          return ctx == null ? null : ctx.header(key);
        }
      };

  private RequestTracing() {}

  public static void start(Context ctx) {
    io.opentelemetry.context.Context parent =
        GlobalOpenTelemetry.getPropagators()
            .getTextMapPropagator()
            .extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
    Span span =
        Traces.tracer()
            .spanBuilder(ctx.method().name())
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", ctx.method().name())
            .startSpan();
    ctx.attribute(SPAN, span);
    ctx.attribute(SCOPE, span.makeCurrent());
    String traceId = Traces.currentTraceId();
    if (traceId != null) {
      MDC.put(Traces.MDC_TRACE_ID, traceId);
    }
  }

  public static void end(Context ctx, String route) {
    Span span = ctx.attribute(SPAN);
    if (span == null) {
      return;
    }
    int status = ctx.status().getCode();
    span.updateName(ctx.method().name() + " " + route);
    span.setAttribute("http.route", route);
    span.setAttribute("http.response.status_code", status);
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
    Scope scope = ctx.attribute(SCOPE);
    if (scope != null) {
      scope.close();
    }
    MDC.remove(Traces.MDC_TRACE_ID);
  }
}
