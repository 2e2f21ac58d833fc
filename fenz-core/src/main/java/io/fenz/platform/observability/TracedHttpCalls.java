package io.fenz.platform.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * A client span per S3 call (the MinIO client speaks HTTP through OkHttp); object keys stay out of
 * the span name.
 */
public final class TracedHttpCalls implements Interceptor {
  private final String system;

  public TracedHttpCalls(String system) {
    this.system = system;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    var request = chain.request();
    Span span =
        Traces.tracer()
            .spanBuilder(system + " " + request.method())
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.request.method", request.method())
            .setAttribute("server.address", request.url().host())
            .startSpan();
    try (Scope ignored = span.makeCurrent()) {
      Response response = chain.proceed(request);
      span.setAttribute("http.response.status_code", response.code());
      if (response.code() >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
      return response;
    } catch (IOException | RuntimeException e) {
      span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
      throw e;
    } finally {
      span.end();
    }
  }
}
