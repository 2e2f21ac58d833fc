package io.fenz.platform.observability;

import io.fenz.platform.error.FenzException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import java.util.function.Supplier;

/**
 * One span per use case execution, named after the use case ({@code RecommendVideos}), between the
 * caller's span (a request, a job, a consumed event) and the SQL, Redis, S3 and NATS spans it
 * causes. Every use case's public {@code execute} goes through here (ArchitectureTest checks it).
 */
public final class UseCaseSpan {
  private UseCaseSpan() {}

  public static <T> T call(String useCase, Supplier<T> work) {
    Span span =
        Traces.tracer().spanBuilder(useCase).setAttribute("fenz.use_case", useCase).startSpan();
    try (Scope ignored = span.makeCurrent()) {
      return work.get();
    } catch (RuntimeException e) {
      failed(span, e);
      throw e;
    } finally {
      span.end();
    }
  }

  public static void run(String useCase, Runnable work) {
    call(
        useCase,
        () -> {
          work.run();
          return null;
        });
  }

  private static void failed(Span span, RuntimeException e) {
    if (e instanceof FenzException refused) {
      span.setAttribute("fenz.error.code", refused.code());
    }
    span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
  }
}
